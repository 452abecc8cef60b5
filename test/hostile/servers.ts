import { createServer, type Server, type Socket } from 'node:net'

/**
 * Loopback servers that misbehave below HTTP, as a broken proxy or a black-holed endpoint does. Each
 * keeps its sockets so `close()` ends them (a test never leaves a server or socket behind).
 */
export interface HostileServer {
  url: string
  /** Connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

async function listen(onSocket: (socket: Socket) => void): Promise<HostileServer> {
  const sockets = new Set<Socket>()
  let count = 0
  const server: Server = createServer(socket => {
    count += 1
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
    onSocket(socket)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => count,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/** Accepts the TCP connection, reads the request, and never answers. */
export function startSilentServer(): Promise<HostileServer> {
  return listen(socket => socket.resume())
}

/**
 * Answers `200` with a long XML body, one byte every `everyMs`: the socket never goes idle, so only a
 * total time budget ends the call.
 */
export function startTricklingServer(everyMs: number): Promise<HostileServer> {
  return listen(socket => {
    socket.resume()
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: 100000\r\n\r\n<')
    const timer = setInterval(() => socket.write('a'), everyMs)
    socket.on('close', () => clearInterval(timer))
  })
}

/** A loopback port with nothing listening: connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = await listen(socket => socket.destroy())
  await server.close()
  return server.url
}
