// What a service method looks like to the server: unary methods turn request bytes into
// response bytes; server-streaming methods get a sink to push messages into.

export interface CallContext {
  /** Full method path, e.g. `/xmtp.mls.api.v1.MlsApi/SendGroupMessages`. */
  path: string;
  /** The caller's `x-app-version` header: tells simulated users apart in logs. */
  appVersion?: string;
}

export interface StreamSink {
  /** Sends one message frame. Returns false once the stream is closed. */
  send(message: Uint8Array): boolean;
  /** Ends the stream with a status trailer (OK when no code is given). */
  end(code?: number, message?: string): void;
  /** Runs `fn` once when the stream ends for any reason (client gone, fault, close). */
  onClose(fn: () => void): void;
  readonly closed: boolean;
}

export interface UnaryMethod {
  kind: 'unary';
  /** A promise for methods that wait on something outside the node (a chain's RPC). */
  handle(request: Uint8Array, ctx: CallContext): Uint8Array | Promise<Uint8Array>;
}

export interface StreamMethod {
  kind: 'stream';
  /** Called after the response headers went out. Throwing a GrpcError ends the stream with it. */
  open(request: Uint8Array, sink: StreamSink, ctx: CallContext): void;
}

export type Method = UnaryMethod | StreamMethod;

/** Methods by full path (`/package.Service/Method`). */
export type MethodTable = Record<string, Method>;

interface Decoder<T> {
  decode(input: Uint8Array): T;
}
interface Encoder<T> {
  encode(message: T): { finish(): Uint8Array };
}

export function unary<Req, Res>(
  request: Decoder<Req>,
  response: Encoder<Res>,
  fn: (req: Req, ctx: CallContext) => Res,
): UnaryMethod {
  return {
    kind: 'unary',
    handle: (bytes, ctx) => response.encode(fn(request.decode(bytes), ctx)).finish(),
  };
}

export function serverStream<Req>(
  request: Decoder<Req>,
  fn: (req: Req, sink: StreamSink, ctx: CallContext) => void,
): StreamMethod {
  return { kind: 'stream', open: (bytes, sink, ctx) => fn(request.decode(bytes), sink, ctx) };
}

/** A unary method whose answer is computed asynchronously. */
export function unaryAsync<Req, Res>(
  request: Decoder<Req>,
  response: Encoder<Res>,
  fn: (req: Req, ctx: CallContext) => Promise<Res>,
): UnaryMethod {
  return {
    kind: 'unary',
    handle: async (bytes, ctx) => response.encode(await fn(request.decode(bytes), ctx)).finish(),
  };
}

/** `Empty` for methods that answer `google.protobuf.Empty`. */
export const Empty: Encoder<Record<string, never>> = {
  encode: () => ({ finish: () => new Uint8Array(0) }),
};
