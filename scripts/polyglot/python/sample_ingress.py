# The textbook Ingress (examples/sample-ingress): sample.example.com/path1 -> svc-1:8888, /path2 -> svc-2:8888,
# everything else -> sample-ingress-default:8888, IngressClass nginx, TLS from the Secret `tls-sample`.
import cdk8s_plus_27 as kplus
from cdk8s import ApiObjectMetadata, App, Chart
from constructs import Construct
from cdk8s_service_patterns import (
    NginxOptions, ServiceBackend, TlsEntry, TlsIngress, TlsIngressPath, TlsIngressRule, TlsSource,
)


def backend_service(scope: Construct, name: str) -> kplus.Service:
    """A small nginx Deployment behind a ClusterIP Service `name` on port 8888."""
    tmp = kplus.Volume.from_empty_dir(scope, f"{name}-tmp", "tmp")
    deployment = kplus.Deployment(
        scope,
        name,
        metadata=ApiObjectMetadata(name=name),
        containers=[kplus.ContainerProps(
            image="nginxinc/nginx-unprivileged:1.27",
            ports=[kplus.ContainerPort(number=8080, name="http")],
            readiness=kplus.Probe.from_http_get("/", port=8080),
            volume_mounts=[kplus.VolumeMount(path="/tmp", volume=tmp)],
        )],
    )
    return deployment.expose_via_service(name=name, ports=[kplus.ServicePort(port=8888, target_port=8080)])


app = App()
chart = Chart(app, "sample-ingress")

svc1 = backend_service(chart, "svc-1")
svc2 = backend_service(chart, "svc-2")
fallback = backend_service(chart, "sample-ingress-default")

TlsIngress(
    chart,
    "SampleIngress",
    ingress_name="sample-ingress",
    ingress_class_name="nginx",
    rules=[TlsIngressRule(
        host="sample.example.com",
        paths=[
            TlsIngressPath(path="/path1", backend=ServiceBackend.from_service(svc1)),
            TlsIngressPath(path="/path2", backend=ServiceBackend.from_service(svc2)),
        ],
    )],
    default_backend=ServiceBackend.from_service(fallback),
    tls=[TlsEntry(hosts=["sample.example.com"], source=TlsSource.from_existing_secret("tls-sample"))],
    nginx=NginxOptions(),  # HTTP -> HTTPS redirect (on by default with TLS)
)

app.synth()
