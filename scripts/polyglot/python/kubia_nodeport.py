# kubia exposed on every node's port 30123: Service port 80 -> container port 8080 (by its name, "http").
import cdk8s_plus_27 as kplus
from cdk8s import ApiObjectMetadata, App, Chart
from cdk8s_service_patterns import ExposedApp, ExposedPort, ExposureType

app = App()
chart = Chart(app, "kubia-nodeport")

ExposedApp(
    chart,
    "Kubia",
    service_name="kubia-nodeport",
    type=ExposureType.NODE_PORT,
    ports=[ExposedPort(name="http", port=80, node_port=30123)],
    container=kplus.ContainerProps(
        image="luksa/kubia",
        ports=[kplus.ContainerPort(number=8080, name="http")],
        # cdk8s-plus requires a non-root user; the image would otherwise run as root.
        security_context=kplus.ContainerSecurityContextProps(user=1000),
    ),
    deployment_props=kplus.DeploymentProps(metadata=ApiObjectMetadata(name="kubia"), replicas=3),
)

app.synth()
