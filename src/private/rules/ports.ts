/**
 * Port rules (pkg/apis/core/validation: validateServicePort, the duplicate checks of ValidateService, node
 * ports and session affinity).
 */
import { FindingCollector, formatValue } from '../findings';
import { checkDns1123Label, checkQualifiedName, suggestDns1123Label } from './names';
import { isString } from './values';

export const PORT_NUMBER_RULE = 'must be an integer between 1 and 65535';

/** Returns a rule violation unless `value` is a port number (1-65535). */
export function checkPortNumber(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return PORT_NUMBER_RULE;
  }
  return undefined;
}

/** Protocols a Service, Endpoints or EndpointSlice port may use. */
export const SUPPORTED_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** Returns a rule violation unless `value` is TCP, UDP or SCTP. */
export function checkProtocol(value: unknown): string | undefined {
  if (!isString(value) || !SUPPORTED_PROTOCOLS.includes(value)) {
    return 'must be one of TCP, UDP, SCTP';
  }
  return undefined;
}

/**
 * Returns a rule violation unless `value` is a valid `appProtocol` (an IANA service name, or a qualified
 * name such as `kubernetes.io/h2c`).
 */
export function checkAppProtocol(value: unknown): string | undefined {
  if (checkQualifiedName(value) !== undefined) {
    return 'must be a qualified name such as "http", "https", "kubernetes.io/h2c" or "example.com/proto"';
  }
  return undefined;
}

/**
 * The fields of a Service port this module checks.
 */
export interface CheckedServicePort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly appProtocol?: string;
}

/**
 * Checks a Service port list: every port number, name and protocol; names required when there are several
 * ports; no name twice; no port number twice for the same protocol.
 */
export function collectServicePortFindings(findings: FindingCollector, field: string, ports: readonly CheckedServicePort[]): void {
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((p, i) => {
    const at = `${field}[${i}]`;
    findings.check(checkPortNumber(p.port), 'SP_PORT_NUMBER', `${at}.port`, p.port, 'use a port between 1 and 65535');
    const protocol = p.protocol ?? 'TCP';
    findings.check(checkProtocol(protocol), 'SP_PORT_PROTOCOL', `${at}.protocol`, protocol, 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP');
    if (p.appProtocol !== undefined) {
      findings.check(checkAppProtocol(p.appProtocol), 'SP_PORT_APP_PROTOCOL', `${at}.appProtocol`, p.appProtocol,
        'use "http", "https", "h2c" or a prefixed name such as "kubernetes.io/h2c"');
    }
    if (p.name === undefined || p.name === '') {
      if (ports.length > 1) {
        findings.addWithoutValue('SP_PORT_NAME_REQUIRED', `${at}.name`,
          `a Service with ${ports.length} ports needs a name on every port (port ${formatValue(p.port)} has none)`,
          'name every port, e.g. { name: "http", port: 80 }');
      }
    } else {
      if (!findings.check(checkDns1123Label(p.name), 'SP_PORT_NAME', `${at}.name`, p.name,
        () => `use a name such as ${JSON.stringify(suggestDns1123Label(p.name!))}`)) {
        const first = names.get(p.name);
        if (first !== undefined) {
          findings.add('SP_PORT_NAME_DUPLICATE', `${at}.name`, p.name, `is already used by ${field}[${first}]`,
            'give every port a distinct name');
        } else {
          names.set(p.name, i);
        }
      }
    }
    const key = `${p.port}/${protocol}`;
    const firstNumber = numbers.get(key);
    if (firstNumber !== undefined) {
      findings.add('SP_PORT_DUPLICATE', `${at}.port`, p.port, `${protocol} port ${p.port} is already declared by ${field}[${firstNumber}]`,
        'remove the duplicate port or give it another number');
    } else {
      numbers.set(key, i);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Node ports, session affinity, IP families (pkg/apis/core/validation: ValidateService)
// ---------------------------------------------------------------------------------------------------------

/** The node port range of a cluster started without `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** Returns a rule violation unless `value` is a node port within `range`. */
export function checkNodePort(value: unknown, range: { min: number; max: number }): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    return `must be an integer within the cluster's node port range ${range.min}-${range.max} (--service-node-port-range)`;
  }
  return undefined;
}

/** Returns a rule violation unless `range` is a valid node port range. */
export function checkNodePortRange(range: { min: number; max: number }): string | undefined {
  if (checkPortNumber(range.min) !== undefined || checkPortNumber(range.max) !== undefined || range.min > range.max) {
    return 'must have integer min <= max, both between 1 and 65535';
  }
  return undefined;
}

/**
 * Checks the node ports of a Service: only for NodePort and LoadBalancer Services, within the node port range,
 * no node port twice for the same protocol.
 */
export function collectNodePortFindings(
  findings: FindingCollector,
  field: string,
  serviceType: string,
  ports: ReadonlyArray<{ readonly nodePort?: number; readonly protocol?: string; readonly port?: number }>,
  range: { min: number; max: number },
): void {
  // The API server allocates node ports per Service port number: one node port may serve the same port
  // number over two protocols (DNS on 53/TCP and 53/UDP), never two port numbers.
  const seen = new Map<number, { index: number; port?: number; protocols: Set<string> }>();
  ports.forEach((p, i) => {
    if (p.nodePort === undefined) return;
    const at = `${field}[${i}].nodePort`;
    if (serviceType !== 'NodePort' && serviceType !== 'LoadBalancer') {
      findings.add('SP_NODE_PORT_TYPE', at, p.nodePort, `a ${serviceType} Service has no node ports`,
        'remove the nodePort, or use a NodePort or LoadBalancer Service');
      return;
    }
    if (findings.check(checkNodePort(p.nodePort, range), 'SP_NODE_PORT_RANGE', at, p.nodePort,
      `pick a port between ${range.min} and ${range.max}, leave it out to let the cluster allocate one, or set nodePortRange to the cluster's range`)) {
      return;
    }
    const protocol = p.protocol ?? 'TCP';
    const first = seen.get(p.nodePort);
    if (first === undefined) {
      seen.set(p.nodePort, { index: i, port: p.port, protocols: new Set([protocol]) });
    } else if (first.port !== p.port || first.protocols.has(protocol)) {
      findings.add('SP_NODE_PORT_DUPLICATE', at, p.nodePort,
        `is already used by ${field}[${first.index}].nodePort${first.port !== p.port ? ' for another port number (a node port may only be shared by one port number over TCP and UDP)' : ''}`,
        'give every port its own node port');
    } else {
      first.protocols.add(protocol);
    }
  });
}

/** The longest ClientIP session affinity the API server accepts, in seconds (one day). */
export const MAX_SESSION_AFFINITY_SECONDS = 86400;

/** Returns a rule violation unless `value` is a session affinity timeout (1-86400 seconds). */
export function checkSessionAffinityTimeout(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SESSION_AFFINITY_SECONDS) {
    return `must be an integer number of seconds between 1 and ${MAX_SESSION_AFFINITY_SECONDS}`;
  }
  return undefined;
}
