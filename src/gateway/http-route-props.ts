import { HttpRouteFilter } from './http-route-filter';
import { RouteParent } from './route-parent';
import { ServiceBackend } from '../ingress/backend';

/** How an HTTPRoute path match compares the request path. */
export enum HttpPathType {
  /** The path and everything below it, element by element (`/api` matches `/api` and `/api/v1`, not `/apis`). */
  PATH_PREFIX = 'PathPrefix',
  /** The path exactly. */
  EXACT = 'Exact',
  /** A regular expression (its dialect is the implementation's). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** How a header or query parameter match compares the value. */
export enum HttpValueMatchType {
  /** The value exactly. */
  EXACT = 'Exact',
  /** A regular expression (its dialect is the implementation's). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** An HTTP method. */
export enum HttpMethod {
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** DELETE */
  DELETE = 'DELETE',
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** TRACE */
  TRACE = 'TRACE',
  /** PATCH */
  PATCH = 'PATCH',
}

/**
 * A header or query parameter condition of a match.
 */
export interface HttpValueMatch {
  /** The header name (case-insensitive) or query parameter name (case-sensitive). */
  readonly name: string;
  /** The value. */
  readonly value: string;
  /**
   * How the value is compared.
   *
   * @default HttpValueMatchType.EXACT
   */
  readonly type?: HttpValueMatchType;
}

/**
 * A match of an HTTPRoute rule: every condition given must hold.
 */
export interface HttpRouteMatch {
  /**
   * The path.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path is compared.
   *
   * @default HttpPathType.PATH_PREFIX
   */
  readonly pathType?: HttpPathType;
  /**
   * Header conditions.
   *
   * @default - none
   */
  readonly headers?: HttpValueMatch[];
  /**
   * Query parameter conditions.
   *
   * @default - none
   */
  readonly queryParams?: HttpValueMatch[];
  /**
   * The method.
   *
   * @default - every method
   */
  readonly method?: HttpMethod;
}

/**
 * A backend of an HTTPRoute rule, with its share of the requests.
 */
export interface HttpRouteBackend {
  /** The Service (its port must exist on it; Gateway API refers to ports by number). */
  readonly backend: ServiceBackend;
  /**
   * The weight: the backend gets weight / (sum of the rule's weights) of the requests (0 sends none).
   *
   * @default 1
   */
  readonly weight?: number;
}

/**
 * A rule of an HTTPRoute: matches, filters and the backends matching requests go to.
 */
export interface HttpRouteRule {
  /**
   * The rule name (for policies and status).
   *
   * @default - none
   */
  readonly name?: string;
  /**
   * The matches (the rule applies when any matches).
   *
   * @default - one match: PathPrefix "/"
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * The filters, in order.
   *
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /**
   * The backends, weighted. A rule without backends needs a RequestRedirect filter (else it answers 500).
   *
   * @default - none
   */
  readonly backends?: HttpRouteBackend[];
  /**
   * The timeout of the whole request, a Gateway API duration such as `10s` ("0s": none).
   *
   * @default - the implementation's
   */
  readonly requestTimeout?: string;
  /**
   * The timeout of one request to a backend, at most `requestTimeout`.
   *
   * @default - the implementation's
   */
  readonly backendRequestTimeout?: string;
}

/**
 * Properties of an {@link HttpRoute}.
 */
export interface HttpRouteProps {
  /**
   * The HTTPRoute name.
   *
   * @default - the construct id in kebab-case (`LegacyDb`: `legacy-db`); moving the construct keeps it
   */
  readonly routeName?: string;
  /**
   * The namespace of the route.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** The Gateways (and listeners) the route attaches to (1 to 32). */
  readonly parents: RouteParent[];
  /**
   * The hostnames the route serves (at most 16), e.g. `shop.example.com` or `*.example.com`.
   *
   * @default - every hostname of the listeners
   */
  readonly hostnames?: string[];
  /** The rules (1 to 16). */
  readonly rules: HttpRouteRule[];
  /**
   * Labels of the route.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the route.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}
