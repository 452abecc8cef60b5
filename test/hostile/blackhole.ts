import { spawn, type ChildProcess } from 'node:child_process'
import { connect, type Socket } from 'node:net'

/**
 * A loopback TCP port that never answers a SYN, as an internet address does from a subnet without a NAT or
 * internet gateway route. A child process listens with a backlog of 1 and is stopped (SIGSTOP), and the
 * accept queue is filled: the kernel then drops further SYNs (tcp_abort_on_overflow=0, Linux's default), so
 * a connection attempt times out instead of being refused. Nothing leaves 127.0.0.1.
 */
export interface Blackhole {
  host: string
  port: number
  close(): Promise<void>
}

export async function startBlackhole(): Promise<Blackhole> {
  const script =
    "const s=require('net').createServer(()=>{});s.listen({port:0,host:'127.0.0.1',backlog:1},()=>process.stdout.write(s.address().port+'\\n'))"
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())))
  })
  process.kill(child.pid!, 'SIGSTOP')
  const fillers: Socket[] = []
  for (let i = 0; i < 6; i++) {
    const s = connect(port, '127.0.0.1')
    s.on('error', () => undefined)
    fillers.push(s)
  }
  await new Promise(resolve => setTimeout(resolve, 200))
  return {
    host: '127.0.0.1',
    port,
    close: async () => {
      for (const s of fillers) s.destroy()
      const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
      child.kill('SIGKILL')
      await exited
    }
  }
}
