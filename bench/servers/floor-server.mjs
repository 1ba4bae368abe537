// The HTTP floor: a bare node:http server that reads and parses the JSON body and answers a canned
// ForgotPassword body. Prints `READY <port>` when listening on 127.0.0.1.
import { createServer } from 'node:http';

const CANNED = Buffer.from(JSON.stringify({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@e***' } }));
const server = createServer({ keepAlive: true }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let input;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"SerializationException"}');
      return;
    }
    if (typeof input?.Username !== 'string' || req.headers['x-amz-target'] !== 'AWSCognitoIdentityProviderService.ForgotPassword') {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"InvalidParameterException"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': CANNED.length }).end(CANNED);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${/** @type {import('node:net').AddressInfo} */ (server.address()).port}\n`));
process.on('SIGTERM', () => process.exit(0));
