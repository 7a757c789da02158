namespace WebNet.Web.Storage;

/// <summary>
/// An epoch cannot be stored: the data disk has less free space than WebNet:Storage:MinFreeBytes, or SQLite found it
/// full. The run pauses with this message (not fails): the last stored epoch stands, and resume continues from it.
/// </summary>
public sealed class StorageFullException(string message, Exception? inner = null) : IOException(message, inner);
