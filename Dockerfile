# The meshfed image: the `meshfed` CLI whose `gateway` command is the east-west gateway. The Terraform modules
# (terraform/modules/*) run it as: gateway /etc/meshfed/manifest --site <site> --trust-dir /etc/meshfed/trust
# --local-listen 0.0.0.0:15180 --admin-listen 0.0.0.0:15190 [--trust-xfcc-from 127.0.0.6/32 with the Istio sidecar]
#
#   docker build -t meshfed:dev .
#
# Runs as the image's non-root `app` user (uid 1654) and with a read-only root filesystem: it writes nothing
# outside /tmp, which the platform mounts (ECS bind mount, Kubernetes emptyDir, podman or docker --tmpfs).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (BuildKit sets it: amd64, arm64); `-a` maps it to the runtime identifier, as the
# .NET container samples do (github.com/dotnet/dotnet-docker, samples/aspnetapp/Dockerfile).
ARG TARGETARCH
WORKDIR /src
# Restore first, from the project files alone, so a source change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Model/MeshFed.Model.csproj src/Model/
COPY src/Telemetry/MeshFed.Telemetry.csproj src/Telemetry/
COPY src/Adapters.Aws/MeshFed.Adapters.Aws.csproj src/Adapters.Aws/
COPY src/Adapters.Gcp/MeshFed.Adapters.Gcp.csproj src/Adapters.Gcp/
COPY src/Gateway/MeshFed.Gateway.csproj src/Gateway/
COPY src/Federation/MeshFed.Federation.csproj src/Federation/
# ReadyToRun: the assemblies carry precompiled code, so a starting gateway JIT-compiles much less before it
# answers: bench/gateway/cold-start.sh (bench/README.md, "Cold start") measured 2.8 s of CPU for two gateways up to
# the first request through both, against 3.5 s without (-21 %, median of 7 starts, 2026-12-02), and the publish for
# one platform leaves out the other platforms' native libraries. The restore must know about ReadyToRun too, since the
# compiler (crossgen) is a package ("Publishing a ReadyToRun project with --no-restore requires changes to
# restore", .NET SDK 6 breaking changes). Framework-dependent still: the runtime comes from the aspnet image.
RUN dotnet restore src/Federation/MeshFed.Federation.csproj -a ${TARGETARCH:-amd64} -p:PublishReadyToRun=true
COPY src/ src/
RUN dotnet publish src/Federation/MeshFed.Federation.csproj --no-restore -c Release -a ${TARGETARCH:-amd64} --self-contained false \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# No diagnostics IPC socket and no first-run files: with a read-only root, only /tmp may be written.
ENV DOTNET_EnableDiagnostics=0 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    TMPDIR=/tmp \
    HOME=/tmp
# peer (federation mTLS), local (HTTP from the site's mesh), admin (/healthz, /readyz, /metrics)
EXPOSE 15443 15180 15190
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/meshfed.dll"]
CMD ["--help"]
