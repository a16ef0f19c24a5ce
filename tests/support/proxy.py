"""A small forwarding HTTP proxy on loopback that requires Basic credentials and logs what it relays."""

import base64
import http.server
import threading
import urllib.request


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        proxy = self.server.owner
        auth = self.headers.get("Proxy-Authorization", "")
        expected = "Basic " + base64.b64encode(f"{proxy.user}:{proxy.password}".encode()).decode()
        if proxy.user and auth != expected:
            self.send_response(407)
            self.send_header("Proxy-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            proxy.refused.append(self.path)
            return
        proxy.relayed.append(self.path)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        request = urllib.request.Request(self.path, headers={"User-Agent": self.headers.get("User-Agent", "")})
        with opener.open(request, timeout=10) as answer:
            body = answer.read()
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.headers.get("Content-Type", "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class LoopbackProxy:
    def __init__(self, user="", password=""):
        self.user, self.password = user, password
        self.relayed, self.refused = [], []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.owner = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
