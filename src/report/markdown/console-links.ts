/**
 * AWS console links for the ids a finding carries as evidence, so a reviewer can check them by hand.
 * Only ids of a known shape in a region of a known partition get a link; anything else stays text,
 * so a hostile value can never become a URL.
 */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const AWS_ID = /^(vpce|vpc|rtb|subnet|eni)-[0-9a-f]{8,17}$/
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function consoleOrigin(region: string): string | undefined {
  if (!REGION.test(region)) return undefined
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com'
  if (region.startsWith('us-iso')) return undefined
  return `https://${region}.console.aws.amazon.com`
}

const VPC_CONSOLE_FRAGMENT: Record<string, (id: string) => string> = {
  vpce: id => `vpcconsole/home?region={r}#EndpointDetails:vpcEndpointId=${id}`,
  vpc: id => `vpcconsole/home?region={r}#VpcDetails:VpcId=${id}`,
  rtb: id => `vpcconsole/home?region={r}#RouteTableDetails:RouteTableId=${id}`,
  subnet: id => `vpcconsole/home?region={r}#SubnetDetails:subnetId=${id}`,
  eni: id => `ec2/home?region={r}#NetworkInterface:networkInterfaceId=${id}`
}

/** The console page of a vpce-/vpc-/rtb-/subnet-/eni- id, or of a CloudTrail event (by key name). */
export function consoleLink(region: string, key: string, value: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin) return undefined
  if (AWS_ID.test(value)) {
    const prefix = value.slice(0, value.indexOf('-'))
    const path = VPC_CONSOLE_FRAGMENT[prefix]?.(value)
    return path ? `${origin}/${path.replace('{r}', region)}` : undefined
  }
  if (/event/i.test(key) && EVENT_ID.test(value)) {
    return `${origin}/cloudtrailv2/home?region=${region}#/events/${value}`
  }
  return undefined
}
