/**
 * A minimal Kubernetes API client over plain HTTPS (no kubectl): reads the JSON kubeconfig that
 * scripts/apiserver/with-apiserver.sh writes, finds resource paths by discovery, creates objects for real or
 * with server-side dry run (`dryRun=All`, `fieldValidation=Strict`), and returns the server's own Status.
 */
import * as fs from 'fs';
import * as https from 'https';

/** What the server answered to one request. */
export interface KubeResponse {
  readonly status: number;
  /** The parsed JSON body (a Status object for errors). */
  readonly body: any;
  /** The `Warning` headers the server sent (deprecations, ignored fields). */
  readonly warnings: string[];
}

/** One resource as discovery lists it. */
export interface KubeResource {
  /** The plural name, e.g. `services`. */
  readonly name: string;
  readonly namespaced: boolean;
  /** `/api/v1` or `/apis/<group>/<version>`. */
  readonly groupVersionPath: string;
}

/** Options of a create. */
export interface CreateOptions {
  /** Server-side dry run: validated and admitted, never stored. */
  readonly dryRun?: boolean;
  /** The namespace of a namespaced object that names none (default `default`). */
  readonly defaultNamespace?: string;
}

/** The server's message of a failed request, e.g. `Service "x" is invalid: spec.ports[0].port: ...`. */
export function statusMessage(response: KubeResponse): string {
  const body = response.body;
  if (body && typeof body === 'object' && body.kind === 'Status') {
    return `${body.reason ?? 'Failure'} (${response.status}): ${body.message ?? ''}`;
  }
  return `HTTP ${response.status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`;
}

/** `Kind namespace/name` of a manifest, for messages. */
export function describeObject(obj: any): string {
  const ns = obj?.metadata?.namespace;
  return `${obj?.apiVersion} ${obj?.kind} ${ns ? `${ns}/` : ''}${obj?.metadata?.name ?? obj?.metadata?.generateName ?? '(no name)'}`;
}

export class Kube {
  /** The client of the kubeconfig named by SP_APISERVER_KUBECONFIG (or KUBECONFIG); throws when there is none. */
  public static fromEnv(): Kube {
    const file = process.env.SP_APISERVER_KUBECONFIG ?? process.env.KUBECONFIG;
    if (!file) {
      throw new Error('no API server: run under scripts/apiserver/with-apiserver.sh (npm run test:apiserver), which sets SP_APISERVER_KUBECONFIG');
    }
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const context = config.contexts.find((c: any) => c.name === config['current-context']).context;
    const cluster = config.clusters.find((c: any) => c.name === context.cluster).cluster;
    const user = config.users.find((u: any) => u.name === context.user).user;
    return new Kube(cluster.server, Buffer.from(cluster['certificate-authority-data'], 'base64'), user.token);
  }

  private readonly agent: https.Agent;
  private readonly url: URL;
  private readonly discovery = new Map<string, Promise<Map<string, KubeResource> | undefined>>();

  public constructor(server: string, ca: Buffer, private readonly token: string) {
    this.url = new URL(server);
    if (this.url.hostname !== '127.0.0.1') {
      throw new Error(`refusing to talk to ${server}: only a local API server on 127.0.0.1 is used`);
    }
    this.agent = new https.Agent({ ca, keepAlive: true, maxSockets: 16 });
  }

  /** One HTTPS request; JSON in and out. Never throws for an HTTP error status. */
  public request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request({
        agent: this.agent,
        host: this.url.hostname,
        port: this.url.port,
        method,
        path,
        timeout: 60_000,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          const warning = res.headers.warning;
          const warnings = (warning === undefined ? [] : Array.isArray(warning) ? warning : [warning])
            .map((w) => w.replace(/^\d{3} \S+ "(.*)"$/, '$1'));
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** The resource that serves `kind` in `apiVersion`, from discovery (undefined when the server does not serve it). */
  public async resource(apiVersion: string, kind: string): Promise<KubeResource | undefined> {
    const found = (await this.discover(apiVersion))?.get(kind);
    if (found !== undefined) return found;
    this.discovery.delete(apiVersion); // a CRD may have been installed since
    return (await this.discover(apiVersion))?.get(kind);
  }

  /** The URL path of `obj` (its collection when `named` is false). */
  public async pathOf(obj: any, named: boolean, defaultNamespace = 'default'): Promise<string> {
    const resource = await this.resource(obj.apiVersion, obj.kind);
    if (resource === undefined) {
      throw new Error(`the server does not serve ${obj.kind} in ${obj.apiVersion}`);
    }
    const namespace = obj.metadata?.namespace ?? defaultNamespace;
    const collection = `${resource.groupVersionPath}${resource.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${resource.name}`;
    return named ? `${collection}/${encodeURIComponent(obj.metadata.name)}` : collection;
  }

  /** Creates `obj` (for real, or with server-side dry run), unknown and duplicate fields rejected. */
  public async create(obj: any, options: CreateOptions = {}): Promise<KubeResponse> {
    const query = `fieldValidation=Strict${options.dryRun ? '&dryRun=All' : ''}`;
    return this.request('POST', `${await this.pathOf(obj, false, options.defaultNamespace)}?${query}`, obj);
  }

  /** Deletes `obj` (404 is fine). */
  public async delete(obj: any): Promise<KubeResponse> {
    return this.request('DELETE', await this.pathOf(obj, true));
  }

  /** Reads `obj` back. */
  public async get(obj: any): Promise<KubeResponse> {
    return this.request('GET', await this.pathOf(obj, true));
  }

  /**
   * Creates namespace `name` for real unless it exists, with the `default` ServiceAccount a cluster's controller
   * manager would add (the ServiceAccount admission plugin refuses Pods in a namespace without it; no controller
   * runs here).
   */
  public async ensureNamespace(name: string): Promise<void> {
    for (const obj of [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } },
    ]) {
      const response = await this.create(obj);
      if (response.status !== 201 && response.status !== 409) {
        throw new Error(`cannot create ${describeObject(obj)}: ${statusMessage(response)}`);
      }
    }
  }

  /** Closes the idle connections (lets the process exit). */
  public close(): void {
    this.agent.destroy();
  }

  private discover(apiVersion: string): Promise<Map<string, KubeResource> | undefined> {
    let found = this.discovery.get(apiVersion);
    if (found === undefined) {
      const groupVersionPath = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      found = this.request('GET', groupVersionPath).then((response) => {
        if (response.status === 404) return undefined;
        if (response.status !== 200) throw new Error(`discovery of ${apiVersion}: ${statusMessage(response)}`);
        const byKind = new Map<string, KubeResource>();
        for (const r of response.body.resources ?? []) {
          if (r.name.includes('/')) continue; // subresources
          byKind.set(r.kind, { name: r.name, namespaced: r.namespaced, groupVersionPath });
        }
        return byKind;
      });
      this.discovery.set(apiVersion, found);
    }
    return found;
  }
}
