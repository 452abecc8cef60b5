export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + (Number(part) & 255), 0)
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.')
}

export function parseCidr(cidr: string): { base: number; size: number } {
  const [ip = '0.0.0.0', bits = '32'] = cidr.split('/')
  const size = 2 ** (32 - Number(bits))
  return { base: Math.floor(ipToInt(ip) / size) * size, size }
}
