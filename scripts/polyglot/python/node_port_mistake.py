# The mistake: node port 80 is outside the cluster's node port range (30000-32767). `app.synth()` raises.
import cdk8s_plus_27 as kplus
from cdk8s import App, Chart
from cdk8s_service_patterns import ExposedApp, ExposedPort, ExposureType

app = App()
chart = Chart(app, "kubia-nodeport")

ExposedApp(
    chart,
    "Kubia",
    service_name="kubia-nodeport",
    type=ExposureType.NODE_PORT,
    ports=[ExposedPort(name="http", port=80, node_port=80)],
    container=kplus.ContainerProps(
        image="luksa/kubia",
        ports=[kplus.ContainerPort(number=8080, name="http")],
        security_context=kplus.ContainerSecurityContextProps(user=1000),
    ),
)

app.synth()
