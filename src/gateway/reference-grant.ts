import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as gw from '../imports/gateway.networking.k8s.io';
import { NameRule, PatternBase } from '../pattern-base';
import { FindingCollector } from '../private/findings';
import { GATEWAY_GROUP } from '../private/gateway-facts';
import { guardProps } from '../private/guards';
import { copyModel } from '../private/model';
import { REFERENCE_GRANT_PROPS } from '../private/prop-shapes';
import { AppReport } from '../private/report';
import { checkDns1123Label, checkDns1123Subdomain } from '../private/rules/names';

/**
 * Who may refer: objects of a kind in a namespace.
 */
export interface ReferenceGrantFrom {
  /** The kind of the referring objects, e.g. `HTTPRoute`, `GRPCRoute`, `Gateway`. */
  readonly kind: string;
  /** The namespace of the referring objects. */
  readonly namespace: string;
  /**
   * The API group of the referring objects.
   *
   * @default "gateway.networking.k8s.io"
   */
  readonly group?: string;
}

/**
 * What may be referred to, in the grant's namespace.
 */
export interface ReferenceGrantTo {
  /** The kind referred to, e.g. `Service` or `Secret`. */
  readonly kind: string;
  /**
   * One object by name.
   *
   * @default - every object of the kind in the namespace
   */
  readonly name?: string;
  /**
   * The API group of the kind.
   *
   * @default "" (the core group)
   */
  readonly group?: string;
}

/**
 * Properties of a {@link ReferenceGrant}.
 */
export interface ReferenceGrantProps {
  /**
   * The ReferenceGrant name.
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly grantName?: string;
  /**
   * The namespace of the grant: the namespace of the objects it lets others refer to.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** Who may refer (at least one; at most 16). */
  readonly from: ReferenceGrantFrom[];
  /** What may be referred to (at least one; at most 16). */
  readonly to: ReferenceGrantTo[];
  /**
   * Labels of the grant.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the grant.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A from or to entry as the model keeps it: the group defaulted. */
interface GrantEntry {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The most entries of `from` and of `to` (the CRD's maxItems). */
const MAX_GRANT_ENTRIES = 16;

/**
 * A `gateway.networking.k8s.io/v1` ReferenceGrant: lets objects of other namespaces (routes, Gateways) refer to
 * objects of its namespace (Services, Secrets). Routes of this library add the grants their backends need
 * themselves, one per pair of namespaces; this construct is for the grants an app gives others.
 */
export class ReferenceGrant extends PatternBase {
  /** The ReferenceGrant object. */
  public readonly grant: ApiObject;
  /** The ReferenceGrant name. */
  public readonly grantName: string;

  private readonly from: GrantEntry[];
  private readonly to: GrantEntry[];
  /** Whether `to` grows with the app's routes (an automatic grant): past 16 entries it grants whole kinds. */
  private collapse = false;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props who may refer to what
   */
  public constructor(scope: Construct, id: string, props: ReferenceGrantProps) {
    const guarded = guardProps(props, REFERENCE_GRANT_PROPS);
    const given = guarded.value;
    super(scope, id, { name: given.grantName, namespace: given.namespace, labels: given.labels, annotations: given.annotations });
    this._keepGuardFindings(guarded.findings);
    const model = copyModel(given);
    this.grantName = this._name;
    this.from = (model.from ?? []).map((f) => ({ group: f?.group ?? GATEWAY_GROUP, kind: f?.kind, namespace: f?.namespace }));
    this.to = (model.to ?? []).map((t) => ({ group: t?.group ?? '', kind: t?.kind, ...(t?.name !== undefined ? { name: t.name } : {}) }));
    this.grant = this._emit('Resource', `${GATEWAY_GROUP}/v1`, 'ReferenceGrant', this._objectMetadata(this.grantName, this._labels, this._annotations), {
      spec: () => gw.toJson_ReferenceGrantSpec({
        from: this.from.map((f) => ({ group: f.group, kind: f.kind, namespace: f.namespace! })),
        to: this.renderedTo().map((t) => ({ group: t.group, kind: t.kind, ...(t.name !== undefined ? { name: t.name } : {}) })),
      }),
    });
  }

  /**
   * Marks the grant as automatic: `to` grows with the app's routes and collapses to whole kinds past 16 entries.
   * @internal
   */
  public _collapsible(): void {
    this.collapse = true;
  }

  /**
   * Adds an entry to `from` and to `to` unless an equal one is there.
   * @internal
   */
  public _allow(from: GrantEntry, to: GrantEntry): void {
    const same = (a: GrantEntry, b: GrantEntry) => a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
    if (!this.from.some((f) => same(f, from))) this.from.push(from);
    if (!this.to.some((t) => same(t, to))) this.to.push(to);
  }

  /**
   * The `to` entries as rendered: an automatic grant (`collapse`) that outgrew the CRD's 16 entries grants each
   * kind whole instead of naming every object.
   */
  private renderedTo(): GrantEntry[] {
    if (!this.collapse || this.to.length <= MAX_GRANT_ENTRIES) return this.to;
    const kinds = new Map<string, GrantEntry>();
    for (const t of this.to) kinds.set(`${t.group}/${t.kind}`, { group: t.group, kind: t.kind });
    return [...kinds.values()];
  }

  /** @internal */
  protected _nameRule(): NameRule {
    return { field: 'grantName', code: 'SP_REFERENCE_GRANT_NAME', check: checkDns1123Subdomain, fix: () => 'use a lowercase name such as "allow-routes-from-web"' };
  }

  /** @internal */
  protected _collectFindings(findings: FindingCollector): void {
    for (const [field, entries] of [['from', this.from], ['to', this.to]] as const) {
      if (entries.length === 0) {
        findings.addWithoutValue('SP_REFERENCE_GRANT_EMPTY', field, `a ReferenceGrant needs at least one "${field}" entry`, `add one, e.g. ${field === 'from' ? '{ kind: "HTTPRoute", namespace: "web" }' : '{ kind: "Service" }'}`);
      } else if ((field === 'from' ? entries.length : this.renderedTo().length) > MAX_GRANT_ENTRIES) {
        findings.add('SP_REFERENCE_GRANT_SIZE', field, entries.length, `a ReferenceGrant holds at most ${MAX_GRANT_ENTRIES} "${field}" entries`, 'split it into several grants');
      }
    }
    this.from.forEach((f, i) => {
      findings.check(checkKind(f.kind), 'SP_REFERENCE_GRANT_KIND', `from[${i}].kind`, f.kind, 'use a kind such as "HTTPRoute"');
      findings.check(checkDns1123Label(f.namespace), 'SP_NAMESPACE', `from[${i}].namespace`, f.namespace, 'use a lowercase namespace name such as "web"');
      findings.check(checkGroup(f.group), 'SP_REFERENCE_GRANT_GROUP', `from[${i}].group`, f.group, 'use an API group such as "gateway.networking.k8s.io"');
    });
    this.to.forEach((t, i) => {
      findings.check(checkKind(t.kind), 'SP_REFERENCE_GRANT_KIND', `to[${i}].kind`, t.kind, 'use a kind such as "Service"');
      findings.check(checkGroup(t.group), 'SP_REFERENCE_GRANT_GROUP', `to[${i}].group`, t.group, 'use "" for core kinds such as Service and Secret');
      if (t.name !== undefined) findings.check(checkDns1123Subdomain(t.name), 'SP_REFERENCE_GRANT_TARGET', `to[${i}].name`, t.name, 'use the name of the object, or leave it out to grant every object of the kind');
    });
  }
}

/**
 * Lets `fromKind` objects of `fromNamespace` refer to the `toKind` object `toName` of `toNamespace`, with the one
 * grant the whole App shares for the pair of namespaces and the kind referred to (routes to Services, Gateways to
 * Secrets: a grant lets every `from` entry refer to every `to` entry, so the two never share one): created on
 * first use in the chart of `target`, extended afterwards. It names each object it opens (least privilege); past
 * the CRD's 16 entries, a kind is granted whole.
 */
export function grantReference(target: IConstruct, fromKind: string, fromNamespace: string,
  toKind: string, toNamespace: string, toName: string): void {
  const services = toKind === 'Service';
  const grant = AppReport.of(target).shared(`ReferenceGrant ${fromNamespace} -> ${toNamespace}${services ? '' : ` ${toKind}`}`, () =>
    new ReferenceGrant(Chart.of(target), `ReferenceGrant-${fromNamespace}-to-${toNamespace}${services ? '' : `-${toKind}`}`, {
      grantName: services ? `allow-from-${fromNamespace}` : `allow-${toKind.toLowerCase()}-refs-from-${fromNamespace}`,
      namespace: toNamespace,
      from: [],
      to: [],
    }));
  grant._collapsible();
  grant._allow({ group: GATEWAY_GROUP, kind: fromKind, namespace: fromNamespace }, { group: '', kind: toKind, name: toName });
}

/** A Kind (the CRD's pattern: a letter, then letters, digits, "-" or "_"; at most 63 characters). */
function checkKind(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(value) && value.length <= 63
    ? undefined
    : 'must be a kind such as "HTTPRoute" (a letter, then letters, digits or "-"; at most 63 characters)';
}

/** An API group: empty (core) or a DNS-1123 subdomain. */
function checkGroup(value: unknown): string | undefined {
  if (value === '') return undefined;
  return checkDns1123Subdomain(value);
}
