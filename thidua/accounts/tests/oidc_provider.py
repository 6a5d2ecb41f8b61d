"""A tiny OpenID Connect provider for tests: a WSGI app on 127.0.0.1 in a thread, no network.

Serves discovery, JWKS (an RSA key made per provider), authorize (redirects back with a code),
token (an RS256 id_token) and userinfo. A test sets `identity` (the claims of the person who
"logs in" at the provider) and `amr`/`acr` (how they did) before following the redirect; with
`interactive` the authorize step is a sign-in form instead (for browser journeys), whose user name
becomes `preferred_username`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "thidua-test"
CLIENT_SECRET = "test-secret-not-for-production"  # noqa: S105


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _ThreadedServer(WSGIServer):
    daemon_threads = True


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.identity: dict[str, Any] = {}
        self.interactive = False
        self.amr: list[str] | None = None
        self.acr: str | None = None
        self.issuer_override: str | None = None  # to send a wrong `iss`
        self.audience_override: str | None = None
        self.userinfo_sub_override: str | None = None  # userinfo about someone else
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.server = make_server("127.0.0.1", 0, self.app, server_class=_ThreadedServer,
                                  handler_class=_QuietHandler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict[str, Any]:
        """The Django settings that point the site at this provider."""
        return {
            "OIDC_ENABLED": True, "OIDC_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_RP_CLIENT_ID": CLIENT_ID, "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        }

    # --- the WSGI app ---------------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/.well-known/openid-configuration":
            return self._json(start_response, {
                "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks", "id_token_signing_alg_values_supported": ["RS256"],
            })
        if path == "/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return self._json(start_response, {"keys": [{**jwk, "kid": self.kid, "alg": "RS256",
                                                         "use": "sig"}]})
        if path == "/authorize" and environ["REQUEST_METHOD"] == "POST":  # the sign-in form sent
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
            self.identity = {"preferred_username": form.pop("username", "")}
            return self._authorize(form, start_response)
        if path == "/authorize" and self.interactive:
            return self._sign_in_form(query, start_response)
        if path == "/authorize":
            return self._authorize(query, start_response)
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
            return self._token(form, start_response)
        if path == "/userinfo":
            bearer = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
            if bearer not in self.tokens:
                return self._json(start_response, {"error": "invalid_token"}, "401 Unauthorized")
            return self._json(start_response, self.tokens[bearer])
        return self._json(start_response, {"error": "not_found"}, "404 Not Found")

    def _authorize(self, query: dict[str, str], start_response: Any) -> list[bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return self._json(start_response, {"error": "invalid_request"}, "400 Bad Request")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"query": query, "identity": dict(self.identity)}
        location = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        start_response("302 Found", [("Location", location)])
        return [b""]

    @staticmethod
    def _sign_in_form(query: dict[str, str], start_response: Any) -> list[bytes]:
        hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in query.items())
        page = (f'<!doctype html><html lang="vi"><title>Nhà cung cấp đăng nhập</title>'
                f'<form method="post" action="/authorize">{hidden}'
                f'<label for="u">Tài khoản tại nhà cung cấp</label><input id="u" name="username">'
                f'<button type="submit">Đăng nhập tại nhà cung cấp</button></form></html>')
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page.encode()]

    def _token(self, form: dict[str, str], start_response: Any) -> list[bytes]:
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if (grant is None or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant["query"]["redirect_uri"]):
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        challenge = grant["query"].get("code_challenge")
        if challenge is not None:  # PKCE (S256)
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
                return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer_override or self.issuer, "aud": self.audience_override or CLIENT_ID,
            "sub": grant["identity"].get("sub", "subject-1"), "iat": now, "exp": now + 300,
            "nonce": grant["query"].get("nonce"),
        }
        if self.amr is not None:
            claims["amr"] = self.amr
        if self.acr is not None:
            claims["acr"] = self.acr
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = {**grant["identity"], "sub": self.userinfo_sub_override or claims["sub"]}
        return self._json(start_response, {"access_token": access_token, "token_type": "Bearer",
                                           "id_token": id_token, "expires_in": 300})

    @staticmethod
    def _json(start_response: Any, body: dict[str, Any], status: str = "200 OK") -> list[bytes]:
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]
