namespace WebNet.Web.Security;

/// <summary>Marks a hub method that controls training: it needs the admin key when one is configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAdminKeyAttribute : Attribute;
