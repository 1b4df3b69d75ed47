/**
 * The oracle: an independent reading of the API server's rules (and the runtime's), applied to emitted
 * manifests, per object and across the objects of one App.
 */
import * as net from 'net';
import { backendPortViolations, metadataViolations, tlsSecretViolations } from './oracle-more';
import { schemaViolations } from '../support/k8s-schema';

/** Rule violations across the emitted objects: one object per kind/namespace/name, one Service per node port. */
export function crossObjectViolations(manifests: any[]): string[] {
  const out: string[] = [];
  const objects = new Set<string>();
  const nodePorts = new Map<string, string>();
  for (const m of manifests) {
    const key = `${m.apiVersion}/${m.kind}/${m.metadata?.namespace ?? 'default'}/${m.metadata?.name}`;
    if (objects.has(key)) out.push(`two objects ${key}`);
    objects.add(key);
    if (m.kind === 'Service') {
      // a node port is one number cluster-wide, whatever the protocol (the API server's allocator)
      const claims = [...(m.spec?.ports ?? []).map((p: any) => p.nodePort), m.spec?.healthCheckNodePort];
      const here = new Set<string>();
      for (const nodePort of claims) {
        if (nodePort === undefined) continue;
        const k = `${nodePort}`;
        if (here.has(k)) continue;
        here.add(k);
        const first = nodePorts.get(k);
        if (first !== undefined) out.push(`node port ${k} claimed by ${first} and ${m.metadata?.name}`);
        nodePorts.set(k, m.metadata?.name);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The oracle: an independent reading of the API server's rules, applied to the emitted manifests
// ---------------------------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SPECIAL = new net.BlockList();
SPECIAL.addAddress('0.0.0.0', 'ipv4');
SPECIAL.addSubnet('127.0.0.0', 8, 'ipv4');
SPECIAL.addSubnet('169.254.0.0', 16, 'ipv4');
SPECIAL.addSubnet('224.0.0.0', 24, 'ipv4');
SPECIAL.addAddress('::', 'ipv6');
SPECIAL.addAddress('::1', 'ipv6');
SPECIAL.addSubnet('fe80::', 10, 'ipv6');
SPECIAL.addSubnet('ff02::', 16, 'ipv6');

const isLabel = (s: unknown, re = LABEL) => typeof s === 'string' && s.length <= 63 && re.test(s);
const isSubdomain = (s: unknown) => typeof s === 'string' && s.length <= 253 && SUBDOMAIN.test(s);
const isPort = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
const isIanaName = (s: unknown) => typeof s === 'string' && s.length >= 1 && s.length <= 15 && /^[-a-z0-9]+$/.test(s)
  && /[a-z]/.test(s) && !s.includes('--') && !s.startsWith('-') && !s.endsWith('-');
const INVALID_PATH_PARTS = ['//', '/./', '/../', '%2f', '%2F'];

/** Rule violations of one manifest, as the API server (and the runtime) would see them. */
export function oracleViolations(m: any): string[] {
  const out: string[] = [];
  const what = `${m.kind}/${m.metadata?.name}`;
  const fail = (rule: string) => out.push(`${what}: ${rule}`);
  const name = m.metadata?.name;
  if (m.kind === 'Service' ? !isLabel(name, LABEL_1035) : !isSubdomain(name)) fail(`invalid name ${JSON.stringify(name)}`);
  if (m.metadata?.namespace !== undefined && !isLabel(m.metadata.namespace)) fail('invalid namespace');
  if (m.kind === 'Service') {
    const spec = m.spec ?? {};
    const ports: any[] = spec.ports ?? [];
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && ports.length === 0) fail('a ClusterIP Service without ports');
    const names = new Set<string>();
    const numbers = new Set<string>();
    for (const p of ports) {
      if (!isPort(p.port)) fail(`port ${p.port}`);
      if (ports.length > 1 && !p.name) fail('unnamed port in a multi-port Service');
      if (p.name !== undefined) {
        if (!isLabel(p.name)) fail(`port name ${p.name}`);
        if (names.has(p.name)) fail(`duplicate port name ${p.name}`);
        names.add(p.name);
      }
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (numbers.has(key)) fail(`duplicate port ${key}`);
      numbers.add(key);
      if (typeof p.targetPort === 'string' && !isIanaName(p.targetPort)) fail(`targetPort name ${p.targetPort}`);
      if (typeof p.targetPort === 'number' && !isPort(p.targetPort)) fail(`targetPort ${p.targetPort}`);
      if (p.nodePort !== undefined && (spec.type === 'ClusterIP' || spec.type === 'ExternalName' || p.nodePort < 30000 || p.nodePort > 32767)) {
        fail(`nodePort ${p.nodePort} on ${spec.type}`);
      }
    }
    if (spec.type === 'ExternalName') {
      if (!isSubdomain(spec.externalName) || net.isIP(spec.externalName) !== 0) fail(`externalName ${spec.externalName}`);
      if (spec.clusterIP !== undefined || spec.selector !== undefined) fail('ExternalName with clusterIP or selector');
    }
    if (spec.healthCheckNodePort !== undefined && !(spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) fail('healthCheckNodePort');
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout !== undefined && (spec.sessionAffinity !== 'ClientIP' || timeout < 1 || timeout > 86400)) fail('sessionAffinity timeout');
    if (spec.type !== 'LoadBalancer' && (spec.loadBalancerSourceRanges || spec.loadBalancerClass || spec.allocateLoadBalancerNodePorts !== undefined)) {
      fail('LoadBalancer field on another type');
    }
  }
  const checkIp = (ip: unknown) => {
    const family = typeof ip === 'string' ? net.isIP(ip) : 0;
    if (family === 0) fail(`invalid IP ${ip}`);
    else if (SPECIAL.check(ip as string, family === 4 ? 'ipv4' : 'ipv6')) fail(`special IP ${ip}`);
  };
  if (m.kind === 'Endpoints') {
    for (const subset of m.subsets ?? []) {
      for (const a of subset.addresses ?? []) {
        checkIp(a.ip);
        if (a.hostname !== undefined && !isLabel(a.hostname)) fail('endpoint hostname');
      }
      if ((subset.ports ?? []).length > 1 && subset.ports.some((p: any) => !p.name)) fail('unnamed endpoint port');
    }
  }
  if (m.kind === 'EndpointSlice') {
    if ((m.endpoints ?? []).length > 1000) fail('more than 1000 endpoints');
    for (const e of m.endpoints ?? []) {
      for (const ip of e.addresses) {
        checkIp(ip);
        if (net.isIP(ip) !== (m.addressType === 'IPv4' ? 4 : 6)) fail(`address ${ip} in an ${m.addressType} slice`);
      }
    }
  }
  if (m.kind === 'Ingress') {
    const spec = m.spec ?? {};
    if (!spec.rules && !spec.defaultBackend) fail('neither rules nor defaultBackend');
    for (const rule of spec.rules ?? []) {
      const host: string | undefined = rule.host;
      if (host !== undefined && (net.isIP(host) !== 0 || !isSubdomain(host.startsWith('*.') ? host.slice(2) : host))) fail(`host ${host}`);
      for (const p of rule.http?.paths ?? []) {
        if (p.pathType === 'ImplementationSpecific') {
          if (p.path !== '' && !p.path.startsWith('/')) fail(`path ${p.path}`);
        } else if (!p.path.startsWith('/') || INVALID_PATH_PARTS.some((s) => p.path.includes(s)) || p.path.endsWith('/.') || p.path.endsWith('/..')) {
          fail(`path ${p.path}`);
        }
        if (!p.backend?.service?.port) fail('backend without port');
      }
    }
  }
  if (m.kind === 'Secret' && m.type === 'kubernetes.io/tls' && !(m.data?.['tls.crt'] && m.data?.['tls.key'])) fail('tls Secret without tls.crt/tls.key');
  return out;
}

/** Every rule violation of `manifests` (one App's): schema, oracle, cross-object. */
export function allViolations(manifests: any[]): string[] {
  return [
    ...manifests.flatMap((m) => [...schemaViolations(m), ...oracleViolations(m), ...metadataViolations(m), ...tlsSecretViolations(m)]),
    ...crossObjectViolations(manifests),
    ...backendPortViolations(manifests),
  ];
}
