"""One header-signed (not presigned) SigV4 PUT whose payload hash is given, as the AWS CLI and SDKs send over plain
HTTP, streamed from a file. Usage:
    python3 signed_put.py ENDPOINT BUCKET KEY FILE ACCESS_KEY SECRET_KEY REGION [bad-signature]
Prints the HTTP status and the first line of the answer's body."""
import datetime
import hashlib
import hmac
import http.client
import os
import sys
import urllib.parse


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def main():
    endpoint, bucket, key, path, access, secret, region = sys.argv[1:8]
    bad = len(sys.argv) > 8 and sys.argv[8] == "bad-signature"
    url = urllib.parse.urlparse(endpoint)
    size = os.path.getsize(path)
    payload = sha256_file(path)
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = now.strftime("%Y%m%d")
    uri = "/" + bucket + "/" + urllib.parse.quote(key, safe="/")
    host = url.netloc
    headers = {"host": host, "x-amz-content-sha256": payload, "x-amz-date": amz_date,
               "content-length": str(size)}
    signed = ";".join(sorted(headers))
    canonical = "\n".join(["PUT", uri, "", "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)), signed, payload])
    scope = f"{day}/{region}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = sign(sign(sign(sign(("AWS4" + secret).encode(), day), region), "s3"), "aws4_request")
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if bad:
        signature = "0" * 64
    auth = f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={signed}, Signature={signature}"
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    conn.putrequest("PUT", uri, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.putheader("Authorization", auth)
    conn.endheaders()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                conn.send(block)
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
        print(response.status, body.replace("\n", " ")[:300])
    except (BrokenPipeError, ConnectionResetError) as e:
        print("closed", type(e).__name__)


if __name__ == "__main__":
    main()
