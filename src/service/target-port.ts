/**
 * Where a Service port sends traffic in the pods: a container port by name (recommended: the number can then
 * change without touching the Service) or by number.
 */
export class TargetPort {
  /**
   * A container port by name (an IANA service name such as `http`), as the pods declare it.
   */
  public static named(name: string): TargetPort {
    return new TargetPort(name, undefined);
  }

  /**
   * A container port by number.
   */
  public static number(port: number): TargetPort {
    return new TargetPort(undefined, port);
  }

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
  ) {}

  /**
   * The value of the Service port's `targetPort`.
   * @internal
   */
  public get _value(): string | number | undefined {
    return this.portName ?? this.portNumber;
  }
}
