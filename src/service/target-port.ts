import { Finding } from '../private/findings';
import { guardArgs } from '../private/guards';
import { FACTORY_ARGS } from '../private/prop-shapes';

/**
 * Where a Service port sends traffic in the pods: a container port by name (recommended: the number can then
 * change without touching the Service) or by number.
 */
export class TargetPort {
  /**
   * A container port by name (an IANA service name such as `http`), as the pods declare it.
   */
  public static named(name: string): TargetPort {
    const { values: [portName], findings } = guardArgs([['', name, FACTORY_ARGS['TargetPort.named'][0]]]);
    return new TargetPort(portName as string | undefined, undefined, findings);
  }

  /**
   * A container port by number.
   */
  public static number(port: number): TargetPort {
    const { values: [portNumber], findings } = guardArgs([['', port, FACTORY_ARGS['TargetPort.number'][0]]]);
    return new TargetPort(undefined, portNumber as number | undefined, findings);
  }

  /**
   * What the guards refused in the factory's argument, reported by the construct under the port's `targetPort`.
   * @internal
   */
  public readonly _guardFindings: readonly Finding[];

  private constructor(
    /**
     * The container port name, for a port targeted by name.
     *
     * @default - the port is targeted by number
     */
    public readonly portName: string | undefined,
    /**
     * The container port number, for a port targeted by number.
     *
     * @default - the port is targeted by name
     */
    public readonly portNumber: number | undefined,
    guardFindings: readonly Finding[],
  ) {
    this._guardFindings = guardFindings;
  }

  /**
   * The value of the Service port's `targetPort`.
   * @internal
   */
  public get _value(): string | number | undefined {
    return this.portName ?? this.portNumber;
  }
}
