// The textbook Ingress (examples/sample-ingress): sample.example.com/path1 -> svc-1:8888, /path2 -> svc-2:8888,
// everything else -> sample-ingress-default:8888, IngressClass nginx, TLS from the Secret `tls-sample`.
package main

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-service-patterns/cdk8s-service-patterns-go/cdk8sservicepatterns"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

// backendService is a small nginx Deployment behind a ClusterIP Service `name` on port 8888.
func backendService(scope constructs.Construct, name string) cdk8splus27.Service {
	tmp := cdk8splus27.Volume_FromEmptyDir(scope, jsii.String(name+"-tmp"), jsii.String("tmp"), nil)
	deployment := cdk8splus27.NewDeployment(scope, jsii.String(name), &cdk8splus27.DeploymentProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String(name)},
		Containers: &[]*cdk8splus27.ContainerProps{{
			Image:        jsii.String("nginxinc/nginx-unprivileged:1.27"),
			Ports:        &[]*cdk8splus27.ContainerPort{{Number: jsii.Number(8080), Name: jsii.String("http")}},
			Readiness:    cdk8splus27.Probe_FromHttpGet(jsii.String("/"), &cdk8splus27.HttpGetProbeOptions{Port: jsii.Number(8080)}),
			VolumeMounts: &[]*cdk8splus27.VolumeMount{{Path: jsii.String("/tmp"), Volume: tmp}},
		}},
	})
	return deployment.ExposeViaService(&cdk8splus27.DeploymentExposeViaServiceOptions{
		Name:  jsii.String(name),
		Ports: &[]*cdk8splus27.ServicePort{{Port: jsii.Number(8888), TargetPort: jsii.Number(8080)}},
	})
}

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("sample-ingress"), nil)

	svc1 := backendService(chart, "svc-1")
	svc2 := backendService(chart, "svc-2")
	fallback := backendService(chart, "sample-ingress-default")

	cdk8sservicepatterns.NewTlsIngress(chart, jsii.String("SampleIngress"), &cdk8sservicepatterns.TlsIngressProps{
		IngressName:      jsii.String("sample-ingress"),
		IngressClassName: jsii.String("nginx"),
		Rules: &[]*cdk8sservicepatterns.TlsIngressRule{{
			Host: jsii.String("sample.example.com"),
			Paths: &[]*cdk8sservicepatterns.TlsIngressPath{
				{Path: jsii.String("/path1"), Backend: cdk8sservicepatterns.ServiceBackend_FromService(svc1, nil)},
				{Path: jsii.String("/path2"), Backend: cdk8sservicepatterns.ServiceBackend_FromService(svc2, nil)},
			},
		}},
		DefaultBackend: cdk8sservicepatterns.ServiceBackend_FromService(fallback, nil),
		Tls: &[]*cdk8sservicepatterns.TlsEntry{{
			Hosts:  jsii.Strings("sample.example.com"),
			Source: cdk8sservicepatterns.TlsSource_FromExistingSecret(jsii.String("tls-sample"), nil),
		}},
		Nginx: &cdk8sservicepatterns.NginxOptions{}, // HTTP -> HTTPS redirect (on by default with TLS)
	})

	app.Synth()
}
