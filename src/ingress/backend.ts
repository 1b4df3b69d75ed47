import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { DEFAULT_NAMESPACE } from '../private/facts';
import { Finding, FindingCollector } from '../private/findings';
import { guardArgs, rebase } from '../private/guards';
import { copyModel } from '../private/model';
import { FACTORY_ARGS } from '../private/prop-shapes';
import { checkDns1035Label, checkDns1123Label, checkIanaSvcName } from '../private/rules/names';
import { checkPortNumber } from '../private/rules/ports';
import { ServicePatternBase } from '../service/service-base';

/**
 * Which port of the backend Service to route to: by number or by name (at most one).
 */
export interface BackendPortOptions {
  /**
   * The Service port number.
   *
   * @default - the Service's only port (an error when it has several)
   */
  readonly portNumber?: number;

  /**
   * The Service port name.
   *
   * @default - the Service's only port (an error when it has several)
   */
  readonly portName?: string;

  /**
   * The Service's namespace, for a Service referenced by name from a Gateway API route (which may refer across
   * namespaces when a ReferenceGrant allows it). An Ingress routes to its own namespace only.
   *
   * @default - the namespace of the Ingress or route
   */
  readonly namespace?: string;
}

/** A port of a Service, as the backend checks read it. */
interface KnownPort {
  readonly port: number;
  readonly name?: string;
}

/** A Service of the app the backend was made from: what the checks can read of it. */
interface KnownService {
  /** How messages name it: `<construct path> (Service "<name>")`. */
  readonly label: string;
  readonly namespace: string;
  /** Its ports, read at synth. */
  readonly ports: () => readonly KnownPort[];
  /** The construct that emits it (a ReferenceGrant for it goes to its chart). */
  readonly scope: IConstruct;
}

/** The `port` of an Ingress backend, manifest-shaped: `{ number }` or `{ name }`. */
type BackendPort = { readonly number: number } | { readonly name: string };

/** Why a backend has no port to render. */
type PortProblem =
  | { readonly problem: 'both' | 'required' | 'namespace' }
  | { readonly problem: 'number' | 'name'; readonly violation: string }
  | { readonly problem: 'ambiguous' | 'unknown'; readonly ports: readonly KnownPort[] };

/** The outcome of resolving a backend's port for an Ingress: the port to render, or why there is none. */
type PortResolution = { readonly port: BackendPort } | PortProblem;

/**
 * Resolves the port of a backend for an Ingress in `namespace` (`acrossNamespaces` false), or a Gateway API route
 * (true: the Service may be in another namespace). Pure: rendering and checking both call it, and only the checks
 * turn a problem into a message.
 */
function resolvePort(options: BackendPortOptions, known: KnownService | undefined, namespace: string, acrossNamespaces = false): PortResolution {
  const { portNumber, portName } = options;
  if (portNumber !== undefined && portName !== undefined) return { problem: 'both' };
  if (portNumber !== undefined) {
    const violation = checkPortNumber(portNumber);
    if (violation !== undefined) return { problem: 'number', violation };
  }
  if (portName !== undefined) {
    const violation = checkIanaSvcName(portName);
    if (violation !== undefined) return { problem: 'name', violation };
  }
  const given: BackendPort | undefined = portNumber !== undefined ? { number: portNumber } : portName !== undefined ? { name: portName } : undefined;
  if (known === undefined) {
    if (!acrossNamespaces && options.namespace !== undefined && options.namespace !== namespace) return { problem: 'namespace' };
    return given !== undefined ? { port: given } : { problem: 'required' };
  }
  if (!acrossNamespaces && known.namespace !== namespace) return { problem: 'namespace' };
  const ports = known.ports();
  if (given === undefined) {
    return ports.length === 1 ? { port: { number: ports[0].port } } : { problem: 'ambiguous', ports };
  }
  const found = ports.some((p) => (portNumber !== undefined ? p.port === portNumber : p.name === portName));
  return found ? { port: given } : { problem: 'unknown', ports };
}

/** The ports of a Service as messages list them: `http (80), 9000`, or `none`. */
function listPorts(ports: readonly KnownPort[]): string {
  return ports.map((p) => (p.name ? `${p.name} (${p.port})` : `${p.port}`)).join(', ') || 'none';
}

/**
 * A Service an Ingress routes to: one of this library's constructs, a cdk8s-plus Service, or a Service
 * referenced by name (for Services that live outside the app).
 */
export class ServiceBackend {
  /**
   * A Service built by one of this library's constructs (ExposedApp, HeadlessStatefulService,
   * ManualEndpointService, ExternalAlias...). The port must exist on it; with a single port it is picked. The
   * Service's ports are read at synth.
   *
   * @param pattern the construct whose Service to route to
   * @param options the port to route to; by default the Service's only port
   */
  public static fromServicePattern(pattern: ServicePatternBase, options?: BackendPortOptions): ServiceBackend {
    const [patternArg, optionsArg] = FACTORY_ARGS['ServiceBackend.fromServicePattern'];
    const { values: [given, portOptions], findings } = guardArgs([['', pattern, patternArg], ['', options, optionsArg]]);
    if (given === undefined) return new ServiceBackend('', portOptions, undefined, findings);
    return new ServiceBackend(pattern.serviceName, portOptions, {
      label: `${pattern.node.path} (Service ${JSON.stringify(pattern.serviceName)})`,
      namespace: pattern.namespace,
      ports: () => pattern._backendPorts(),
      scope: pattern,
    }, findings);
  }

  /**
   * A cdk8s-plus Service. The port must exist on it; with a single port it is picked. The Service's ports are
   * read at synth.
   *
   * @param service the Service to route to
   * @param options the port to route to; by default the Service's only port
   */
  public static fromService(service: kplus.Service, options?: BackendPortOptions): ServiceBackend {
    const [serviceArg, optionsArg] = FACTORY_ARGS['ServiceBackend.fromService'];
    const { values: [given, portOptions], findings } = guardArgs([['', service, serviceArg], ['', options, optionsArg]]);
    if (given === undefined) return new ServiceBackend('', portOptions, undefined, findings);
    return new ServiceBackend(service.name, portOptions, {
      label: `${service.node.path} (Service ${JSON.stringify(service.name)})`,
      namespace: service.metadata.namespace ?? Chart.of(service).namespace ?? DEFAULT_NAMESPACE,
      ports: () => service.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) })),
      scope: service,
    }, findings);
  }

  /**
   * A Service by name, in the namespace of the Ingress or route unless `namespace` says otherwise (for Services
   * created outside the app). Its ports cannot be checked here, so the port must be given (the App-wide checks
   * compare it with a Service of that name in the app, when there is one). Gateway API routes name ports by
   * number only.
   *
   * @param serviceName the name of the Service
   * @param options the port to route to (one of `portNumber` and `portName`), and the namespace
   */
  public static fromServiceName(serviceName: string, options: BackendPortOptions): ServiceBackend {
    const [nameArg, optionsArg] = FACTORY_ARGS['ServiceBackend.fromServiceName'];
    const { values: [name, portOptions], findings } = guardArgs([['serviceName', serviceName, nameArg], ['', options, optionsArg]]);
    return new ServiceBackend((name as string | undefined) ?? '', portOptions, undefined, findings);
  }

  /** The name of the Service. */
  public readonly serviceName: string;

  /** The port options, copied when the backend was made. */
  private readonly options: BackendPortOptions;

  /** The Service, when it is one of the app (undefined for a Service referenced by name). */
  private readonly known?: KnownService;

  /** What the guards refused in the factory's arguments (fields relative to the backend). */
  private readonly refused: readonly Finding[];

  private constructor(serviceName: string, options: unknown, known: KnownService | undefined, refused: readonly Finding[]) {
    this.serviceName = serviceName;
    this.options = copyModel((options ?? {}) as BackendPortOptions);
    this.known = known;
    this.refused = refused;
  }

  /**
   * The backend as an Ingress in `namespace` renders it (manifest-shaped); the port is left out when it does
   * not resolve (the checks report why).
   * @internal
   */
  public _render(namespace: string): { [field: string]: unknown } {
    const resolution = resolvePort(this.options, this.known, namespace);
    return { service: { name: this.serviceName, ...('port' in resolution ? { port: { ...resolution.port } } : {}) } };
  }

  /**
   * Records the findings of the backend at `field` of an Ingress in `namespace`.
   * @internal
   */
  public _collectFindings(findings: FindingCollector, field: string, namespace: string): void {
    if (this.refused.length > 0) {
      // the arguments the backend was made from were refused: nothing else about it can be judged
      rebase(this.refused, field).forEach((f) => findings.addFinding(f));
      return;
    }
    findings.check(checkDns1035Label(this.serviceName), 'SP_BACKEND_SERVICE', `${field}.serviceName`, this.serviceName,
      'name a Service (a DNS-1035 label such as "web")');
    const resolution = resolvePort(this.options, this.known, namespace);
    if (!('port' in resolution)) {
      this.reportPortProblem(findings, field, namespace, resolution);
    }
  }

  /**
   * The backend as a Gateway API `backendRef` of a route in `routeNamespace` (manifest-shaped): name, namespace
   * when it is another, and the port by number (a port name resolved on the Service; left out when it does not
   * resolve, the checks report why).
   * @internal
   */
  public _routeRef(routeNamespace: string): { name: string; namespace?: string; port?: number } {
    const namespace = this.known?.namespace ?? this.options.namespace ?? routeNamespace;
    const port = this.routePortNumber(routeNamespace);
    return {
      name: this.serviceName,
      ...(namespace !== routeNamespace ? { namespace } : {}),
      ...(port !== undefined ? { port } : {}),
    };
  }

  /**
   * The Service's namespace and the construct that emits it, when it is a Service of the app (for the
   * ReferenceGrant a route in another namespace needs).
   * @internal
   */
  public _grantTarget(): { readonly namespace: string; readonly scope: IConstruct } | undefined {
    return this.known !== undefined ? { namespace: this.known.namespace, scope: this.known.scope } : undefined;
  }

  /**
   * Records the findings of the backend at `field` of a Gateway API route in `routeNamespace`.
   * @internal
   */
  public _collectRouteFindings(findings: FindingCollector, field: string, routeNamespace: string): void {
    if (this.refused.length > 0) {
      rebase(this.refused, field).forEach((f) => findings.addFinding(f));
      return;
    }
    findings.check(checkDns1035Label(this.serviceName), 'SP_BACKEND_SERVICE', `${field}.serviceName`, this.serviceName,
      'name a Service (a DNS-1035 label such as "web")');
    if (this.options.namespace !== undefined) {
      findings.check(checkDns1123Label(this.options.namespace), 'SP_NAMESPACE', `${field}.namespace`, this.options.namespace,
        'use a lowercase namespace name such as "apps"');
    }
    const resolution = resolvePort(this.options, this.known, routeNamespace, true);
    if (!('port' in resolution)) {
      this.reportPortProblem(findings, field, routeNamespace, resolution);
    } else if (this.routePortNumber(routeNamespace) === undefined) {
      findings.add('SP_BACKEND_PORT_NUMBER', `${field}.portName`, this.options.portName,
        'a Gateway API backendRef names the Service port by number, and the ports of a Service referenced by name are not known here',
        'pass { portNumber } instead');
    }
  }

  /** The port number a route renders, when it resolves to one. */
  private routePortNumber(routeNamespace: string): number | undefined {
    const resolution = resolvePort(this.options, this.known, routeNamespace, true);
    if (!('port' in resolution)) return undefined;
    if ('number' in resolution.port) return resolution.port.number;
    const name = resolution.port.name;
    return this.known?.ports().find((p) => p.name === name)?.port;
  }

  private reportPortProblem(findings: FindingCollector, field: string, namespace: string, resolution: PortProblem): void {
    const known = this.known;
    switch (resolution.problem) {
      case 'both':
        return findings.addWithoutValue('SP_BACKEND_PORT', `${field}.port`, 'both portNumber and portName were given', 'give one of them');
      case 'number':
        return findings.add('SP_BACKEND_PORT', `${field}.portNumber`, this.options.portNumber, resolution.violation, 'use the Service port number');
      case 'name':
        return findings.add('SP_BACKEND_PORT', `${field}.portName`, this.options.portName, resolution.violation,
          'use the Service port name (an Ingress backend port name is an IANA service name: at most 15 characters, with a letter)');
      case 'required':
        return findings.add('SP_BACKEND_PORT_REQUIRED', `${field}.port`, this.serviceName, 'a Service referenced by name needs a port',
          'pass { portNumber } or { portName }');
      case 'namespace':
        return findings.add('SP_BACKEND_NAMESPACE', field, known?.label ?? this.serviceName,
          `is in namespace ${JSON.stringify(known?.namespace ?? this.options.namespace)}, and an Ingress in ${JSON.stringify(namespace)} can only route to Services of its own namespace`,
          'create the Ingress in the Service\'s namespace, or alias the Service into this one with ExternalAlias');
      case 'ambiguous': {
        const ports = resolution.ports;
        return findings.add('SP_BACKEND_PORT_AMBIGUOUS', `${field}.port`, known!.label,
          ports.length === 0 ? 'the Service has no ports to route to' : `the Service has ${ports.length} ports: ${listPorts(ports)}`,
          ports.length === 0 ? 'add a port to the Service' : 'choose one with { portName } or { portNumber }');
      }
      case 'unknown':
        return findings.add('SP_BACKEND_PORT_UNKNOWN', `${field}.port`, this.options.portNumber ?? this.options.portName,
          `${known!.label} has no such port (ports: ${listPorts(resolution.ports)})`, 'route to a port the Service has');
    }
  }
}
