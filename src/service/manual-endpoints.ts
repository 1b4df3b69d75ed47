import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IpFamily } from './exposed-app-props';
import { ServicePatternBase, ServicePatternProps, ServicePortOptions } from './service-base';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from '../private/facts';
import { FindingCollector } from '../private/findings';
import { guardProps, req } from '../private/guards';
import { copyModel } from '../private/model';
import { ENDPOINT_MEMBER, MANUAL_ENDPOINT_SERVICE_PROPS } from '../private/prop-shapes';
import { checkDns1123Label } from '../private/rules/names';
import { ParsedIp, parseIp, specialIpRange } from '../private/rules/net';
import { checkPortNumber } from '../private/rules/ports';

/** The value of `endpointslice.kubernetes.io/managed-by` on the EndpointSlices this library writes. */
const ENDPOINT_SLICE_MANAGER = 'cdk8s-service-patterns';

/** The label that keeps the EndpointSlice mirroring controller from copying an Endpoints object. */
const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

/** The API server refuses EndpointSlices with more endpoints than this. */
const MAX_ENDPOINTS_PER_SLICE = 1000;

/** The EndpointSlice mirroring controller mirrors at most this many addresses of a custom Endpoints object. */
const MAX_MIRRORED_ADDRESSES = 1000;

/**
 * Which endpoint objects a {@link ManualEndpointService} emits.
 */
export enum EndpointObjects {
  /**
   * `discovery.k8s.io/v1` EndpointSlices only (one per address family, at most 1000 endpoints each). What
   * kube-proxy reads since Kubernetes 1.21; the Endpoints API is deprecated since 1.33.
   */
  ENDPOINT_SLICES = 'EndpointSlices',

  /**
   * A `v1` Endpoints object only. The EndpointSlice mirroring controller copies it into EndpointSlices (at
   * most 1000 addresses). For clusters or tools that still read Endpoints.
   */
  ENDPOINTS = 'Endpoints',

  /**
   * Both. The Endpoints object is labelled `endpointslice.kubernetes.io/skip-mirror: "true"` so the mirroring
   * controller does not duplicate the EndpointSlices.
   */
  BOTH = 'Both',
}

/**
 * A member of a {@link ManualEndpointService}: an address traffic to the Service goes to.
 */
export interface EndpointMember {
  /**
   * The member's IPv4 or IPv6 address. Not a DNS name (use ExternalAlias for that), and not an unspecified,
   * loopback, link-local or link-local multicast address (the API server refuses them).
   */
  readonly address: string;

  /**
   * The member's hostname (a DNS-1123 label). For a headless Service it becomes a DNS name
   * `<hostname>.<service>.<namespace>.svc.<clusterDomain>`.
   *
   * @default - no hostname
   */
  readonly hostname?: string;
}

/**
 * A port of a {@link ManualEndpointService}.
 */
export interface ManualEndpointPort extends ServicePortOptions {
  /**
   * The port on the members that traffic is sent to (the endpoint port).
   *
   * @default - the same as `port`
   */
  readonly targetPort?: number;
}

/**
 * Properties of a {@link ManualEndpointService}.
 */
export interface ManualEndpointServiceProps extends ServicePatternProps {
  /**
   * The Service ports. The endpoint objects get the same port names, so kube-proxy can match them.
   * A Service with a cluster IP needs at least one port; a headless one may have none.
   *
   * @default - no ports
   */
  readonly ports?: ManualEndpointPort[];

  /**
   * The members (addresses) of the Service. More can be added with `addMember()`. A Service with a cluster
   * IP gets the IP families of its members (`ipFamilies`; `RequireDualStack` when both are present, with
   * `primaryIpFamily` first), since kube-proxy sends no traffic to endpoints of a family the Service does not
   * have.
   *
   * @default - no members
   */
  readonly members?: EndpointMember[];

  /**
   * The primary IP family of a dual-stack Service (the first of `ipFamilies`, the family of its cluster IP),
   * used when members of both families are present. The order of the members never decides it: the API
   * server refuses an update that changes a Service's primary family. Set `IpFamily.IPV6` for a Service that
   * was IPv6-only before it got IPv4 members. Ignored for a single family and for headless Services.
   *
   * @default IpFamily.IPV4
   */
  readonly primaryIpFamily?: IpFamily;

  /**
   * Whether the Service is headless (`clusterIP: None`): DNS returns the member addresses instead of a
   * cluster IP.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * Which endpoint objects to emit. EndpointSlices by default: kube-proxy reads EndpointSlices since
   * Kubernetes 1.21 and the Endpoints API is deprecated since 1.33. Choose `BOTH` when something in the
   * cluster still reads Endpoints (older ingress controllers, monitoring); `ENDPOINTS` for clusters older than
   * 1.21.
   *
   * @default EndpointObjects.ENDPOINT_SLICES
   */
  readonly endpointObjects?: EndpointObjects;

  /**
   * Annotates the Service for kube-linter (`ignore-check.kube-linter.io/dangling-service`, with the reason): its
   * default `dangling-service` check flags every Service without a selector, and this one lists its endpoints by
   * hand on purpose. `false` leaves the annotation out.
   *
   * @default true
   */
  readonly kubeLinterAnnotation?: boolean;
}

/** The annotation kube-linter reads to skip its dangling-service check on one object, and why it is skipped. */
const KUBE_LINTER_DANGLING_SERVICE = 'ignore-check.kube-linter.io/dangling-service';
const KUBE_LINTER_REASON = 'no selector on purpose: the endpoints are listed by hand (cdk8s-service-patterns ManualEndpointService)';

/** A member in the model: a copy of what was given, and its address parsed once. */
interface MemberEntry {
  readonly member: EndpointMember;
  readonly parsed?: ParsedIp;
}

/** An EndpointSlice of the construct: which family it holds, and which thousand of that family's members. */
interface SliceEntry {
  readonly family: 4 | 6;
  readonly index: number;
  readonly object: ApiObject;
}

/** Whether a member goes into an EndpointSlice: a valid address, not IPv4-mapped. */
function sliceable(entry: MemberEntry): entry is MemberEntry & { readonly parsed: ParsedIp } {
  return entry.parsed !== undefined && !entry.parsed.ipv4Mapped;
}

/**
 * A Service without a selector, plus endpoint objects that list its members by hand: for an external
 * database, legacy VMs, or a migration in progress. To hand the Service back to Kubernetes later, add a
 * selector and delete the hand-written endpoint objects: the EndpointSlice controller leaves slices managed
 * by someone else in place, and kube-proxy would keep sending traffic to them.
 */
export class ManualEndpointService extends ServicePatternBase {
  /**
   * The `v1` Endpoints object, when emitted.
   *
   * @default - none with EndpointObjects.ENDPOINT_SLICES
   */
  public readonly endpoints?: ApiObject;

  /** Which endpoint objects are emitted. */
  public readonly endpointObjects: EndpointObjects;

  /** Whether the Service is headless. */
  public readonly headless: boolean;

  private readonly ports: ManualEndpointPort[];
  private readonly primaryIpFamily: IpFamily;
  private readonly entries: MemberEntry[] = [];
  private readonly slices: SliceEntry[] = [];
  /** How many members of each family are in EndpointSlices. */
  private readonly familySizes = { 4: 0, 6: 0 };

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the configuration
   */
  public constructor(scope: Construct, id: string, props: ManualEndpointServiceProps = {}) {
    const guarded = guardProps(props, MANUAL_ENDPOINT_SERVICE_PROPS);
    super(scope, id, guarded.value);
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(guarded.value);
    this.ports = model.ports ?? [];
    this.headless = model.headless ?? false;
    this.endpointObjects = model.endpointObjects ?? EndpointObjects.ENDPOINT_SLICES;
    this.primaryIpFamily = model.primaryIpFamily ?? IpFamily.IPV4;
    if (model.kubeLinterAnnotation !== false && !(KUBE_LINTER_DANGLING_SERVICE in this._annotations)) {
      this.service.metadata.addAnnotation(KUBE_LINTER_DANGLING_SERVICE, KUBE_LINTER_REASON);
    }

    if (this.endpointObjects === EndpointObjects.ENDPOINTS || this.endpointObjects === EndpointObjects.BOTH) {
      // The Endpoints object must have the Service's name: that is how the two are joined.
      const labels = this.endpointObjects === EndpointObjects.BOTH ? { [SKIP_MIRROR_LABEL]: 'true' } : undefined;
      this.endpoints = this._emit('Endpoints', 'v1', 'Endpoints', this._objectMetadata(this.serviceName, labels), {
        subsets: () => this.renderSubsets(),
      });
    }
    for (const member of model.members ?? []) {
      this.addMember(member);
    }
  }

  /**
   * Adds a member (an address traffic to the Service goes to).
   */
  public addMember(member: EndpointMember): void {
    // a refused member keeps its place (empty), so the next ones keep their index in messages
    const copy = copyModel(this._guard<EndpointMember>(member, req(ENDPOINT_MEMBER), `members[${this.entries.length}]`) ?? {} as EndpointMember);
    const entry: MemberEntry = { member: copy, parsed: parseIp(copy.address) };
    this.entries.push(entry);
    if (!sliceable(entry) || !this.emitsSlices) {
      return;
    }
    const family = entry.parsed.family;
    const position = this.familySizes[family]++;
    if (position % MAX_ENDPOINTS_PER_SLICE === 0) {
      this.createSlice(family, position / MAX_ENDPOINTS_PER_SLICE);
    }
  }

  /** The members, in the order they were added (copies: add members with `addMember()`). */
  public get members(): EndpointMember[] {
    return this.entries.map((e) => copyModel(e.member));
  }

  /** The EndpointSlices emitted (one per address family and per 1000 members). */
  public get endpointSlices(): ApiObject[] {
    return this.slices.map((s) => s.object);
  }

  /** @internal */
  public _backendPorts(): Array<{ readonly port: number; readonly name?: string }> {
    return this.ports.map((p) => ({ port: p.port, ...(p.name ? { name: p.name } : {}) }));
  }

  /** The Service ports, in order (copies: change them with the props, not through this list). */
  public get servicePorts(): ManualEndpointPort[] {
    return copyModel(this.ports);
  }

  /**
   * The DNS name of a member with a hostname, for a headless Service:
   * `<hostname>.<service>.<namespace>.svc.<clusterDomain>`.
   */
  public memberDnsName(hostname: string): string {
    return `${hostname}.${this._dnsName(this._namespaceFor('podDnsName'))}`;
  }

  private get emitsSlices(): boolean {
    return this.endpointObjects === EndpointObjects.ENDPOINT_SLICES || this.endpointObjects === EndpointObjects.BOTH;
  }

  private createSlice(family: 4 | 6, index: number): void {
    const suffix = `ipv${family}${index === 0 ? '' : `-${index + 1}`}`;
    const metadata = this._objectMetadata(`${this.serviceName}-${suffix}`, {
      [SERVICE_NAME_LABEL]: this.serviceName,
      [MANAGED_BY_LABEL]: ENDPOINT_SLICE_MANAGER,
    });
    const object = this._emit(`EndpointSlice-${suffix}`, 'discovery.k8s.io/v1', 'EndpointSlice', metadata, {
      addressType: () => (family === 4 ? 'IPv4' : 'IPv6'),
      ports: () => this.renderEndpointPorts(),
      endpoints: () => this.renderSliceEndpoints(family, index),
    });
    this.slices.push({ family, index, object });
  }

  /** The endpoints of the `index`th slice of a family: that family's members, a thousand per slice. */
  private renderSliceEndpoints(family: 4 | 6, index: number): Array<{ [field: string]: unknown }> {
    return this.entries
      .filter((e) => sliceable(e) && e.parsed.family === family)
      .slice(index * MAX_ENDPOINTS_PER_SLICE, (index + 1) * MAX_ENDPOINTS_PER_SLICE)
      .map((e) => ({
        addresses: [e.parsed?.canonical ?? e.member.address],
        conditions: { ready: true },
        ...(e.member.hostname !== undefined ? { hostname: e.member.hostname } : {}),
      }));
  }

  /**
   * The IP families of a Service with a cluster IP are those of its members: kube-proxy ignores endpoint
   * slices of a family the Service does not have, so members of another family would get no traffic.
   * Members of both families make the Service RequireDualStack (refused at apply on a single-stack cluster
   * rather than silently half-served), `primaryIpFamily` first whatever the members' order. Headless Services
   * need none: DNS answers with every member.
   */
  private renderIpFamilies(): { ipFamilies?: string[]; ipFamilyPolicy?: string } {
    const present = new Set<IpFamily>();
    for (const entry of this.entries) {
      if (sliceable(entry)) present.add(entry.parsed.family === 4 ? IpFamily.IPV4 : IpFamily.IPV6);
    }
    if (present.size === 2) {
      const secondary = this.primaryIpFamily === IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
      return { ipFamilyPolicy: 'RequireDualStack', ipFamilies: [this.primaryIpFamily, secondary] };
    }
    return present.size === 0 ? {} : { ipFamilies: [...present] };
  }

  private renderEndpointPorts(): Array<{ [field: string]: unknown }> | undefined {
    if (this.ports.length === 0) return undefined;
    return this.ports.map((p) => ({
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
      port: p.targetPort ?? p.port,
      protocol: p.protocol ?? kplus.Protocol.TCP,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    }));
  }

  private renderSubsets(): Array<{ [field: string]: unknown }> | undefined {
    if (this.entries.length === 0) return undefined;
    return [{
      addresses: this.entries.map((e) => ({
        ip: e.parsed?.canonical ?? e.member.address,
        ...(e.member.hostname !== undefined ? { hostname: e.member.hostname } : {}),
      })),
      ports: this.renderEndpointPorts(),
    }];
  }

  /** @internal */
  protected _renderServiceSpec(): { [field: string]: unknown } {
    return {
      type: 'ClusterIP',
      ...(this.headless ? { clusterIP: 'None' } : this.renderIpFamilies()),
      ports: this._renderPorts(this.ports.map((p) => ({ ...p, targetPort: p.targetPort ?? p.port }))),
    };
  }

  /** @internal */
  protected _collectServiceFindings(findings: FindingCollector): void {
    this.collectPortChecks(findings);
    const seen = new Map<string, number>();
    this.entries.forEach((entry, i) => this.collectMemberFindings(findings, entry, i, seen));
    if (this.endpointObjects === EndpointObjects.ENDPOINTS && this.entries.length > MAX_MIRRORED_ADDRESSES) {
      findings.add('SP_ENDPOINTS_OVER_CAPACITY', 'members', this.entries.length,
        `the EndpointSlice mirroring controller copies at most ${MAX_MIRRORED_ADDRESSES} addresses of an Endpoints object into the EndpointSlices kube-proxy reads; the rest would get no traffic`,
        'use endpointObjects: EndpointObjects.ENDPOINT_SLICES (or BOTH)');
    }
  }

  private collectPortChecks(findings: FindingCollector): void {
    this._collectPortFindings(findings, this.ports);
    if (!this.headless && this.ports.length === 0) {
      findings.addWithoutValue('SP_PORTS_REQUIRED', 'ports', 'a Service with a cluster IP needs at least one port',
        'add a port ({ port: 5432 }), or make the Service headless (`headless: true`)');
    }
    this.ports.forEach((p, i) => {
      if (p.targetPort !== undefined) {
        findings.check(checkPortNumber(p.targetPort), 'SP_PORT_NUMBER', `ports[${i}].targetPort`, p.targetPort,
          'use the members\' port, between 1 and 65535');
      }
    });
  }

  /** Checks one member; `seen` maps the canonical addresses met so far to their index. */
  private collectMemberFindings(findings: FindingCollector, { member, parsed }: MemberEntry, i: number, seen: Map<string, number>): void {
    const field = `members[${i}].address`;
    const address = member.address;
    if (parsed === undefined) {
      collectUnparsedAddress(findings, field, address);
      return;
    }
    if (parsed.ipv4Mapped) {
      findings.add('SP_MEMBER_ADDRESS_MAPPED', field, address,
        'is an IPv4-mapped IPv6 address: an IPv6 EndpointSlice refuses it, and kube-proxy treats it as IPv4',
        `give the plain IPv4 address ${JSON.stringify(parsed.bytes.slice(12).join('.'))}`);
      return;
    }
    const special = specialIpRange(parsed);
    if (special !== undefined) {
      findings.add('SP_MEMBER_ADDRESS_SPECIAL', field, address, `${special}, which the API server refuses as an endpoint address`,
        'give the member\'s routable address');
    }
    const first = seen.get(parsed.canonical);
    if (first !== undefined) {
      findings.add('SP_MEMBER_DUPLICATE', field, address, `is the same address as members[${first}]`, 'list every member once');
    } else {
      seen.set(parsed.canonical, i);
    }
    if (member.hostname !== undefined) {
      findings.check(checkDns1123Label(member.hostname), 'SP_MEMBER_HOSTNAME', `members[${i}].hostname`, member.hostname,
        'use a lowercase hostname such as "db-0"');
    }
  }
}

/** A member address that is not an IP address: an IPv4 address with leading zeros, or anything else. */
function collectUnparsedAddress(findings: FindingCollector, field: string, address: unknown): void {
  if (typeof address === 'string' && /^[0-9]+(\.[0-9]+){3}$/.test(address) && /(^|\.)0[0-9]/.test(address)) {
    findings.add('SP_MEMBER_ADDRESS', field, address, 'has an IPv4 part with a leading zero, which some parsers read as octal',
      `write it without leading zeros (${JSON.stringify(address.split('.').map((part) => String(Number(part))).join('.'))})`);
  } else {
    findings.add('SP_MEMBER_ADDRESS', field, address, 'is not an IPv4 or IPv6 address',
      'give an IP address such as "192.168.1.1" or "2001:db8::1"; for a DNS name use ExternalAlias');
  }
}
