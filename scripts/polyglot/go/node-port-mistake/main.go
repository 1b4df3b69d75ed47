// The mistake: node port 80 is outside the cluster's node port range (30000-32767). app.Synth() panics.
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-service-patterns/cdk8s-service-patterns-go/cdk8sservicepatterns"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("kubia-nodeport"), nil)

	cdk8sservicepatterns.NewExposedApp(chart, jsii.String("Kubia"), &cdk8sservicepatterns.ExposedAppProps{
		ServiceName: jsii.String("kubia-nodeport"),
		Type:        cdk8sservicepatterns.ExposureType_NODE_PORT,
		Ports: &[]*cdk8sservicepatterns.ExposedPort{
			{Name: jsii.String("http"), Port: jsii.Number(80), NodePort: jsii.Number(80)},
		},
		Container: &cdk8splus27.ContainerProps{
			Image:           jsii.String("luksa/kubia"),
			Ports:           &[]*cdk8splus27.ContainerPort{{Number: jsii.Number(8080), Name: jsii.String("http")}},
			SecurityContext: &cdk8splus27.ContainerSecurityContextProps{User: jsii.Number(1000)},
		},
	})

	app.Synth()
}
