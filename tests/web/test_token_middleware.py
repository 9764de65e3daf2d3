"""The token check in front of textual-serve, through aiohttp's test client (no browser,
no app process: the websocket is refused before one would start)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.cli.web_server import COOKIE_NAME, TokenServer, new_token

TOKEN = new_token()


@pytest.fixture
async def client() -> AsyncIterator[TestClient[aiohttp.web.Request, aiohttp.web.Application]]:
    server = TokenServer("true", token=TOKEN, host="127.0.0.1", port=8000)
    async with TestClient(TestServer(await server._make_app())) as test_client:
        yield test_client


async def test_a_page_without_the_token_is_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    for path in ("/", "/static/js/textual.js", "/download/abc", "/nowhere"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 403, path
        assert TOKEN not in await response.text()


async def test_the_token_sets_the_cookie_and_redirects_to_the_page_without_it(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    response = await client.get(f"/?token={TOKEN}&fontsize=18", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/?fontsize=18"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == TOKEN
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    page = await client.get("/?fontsize=18")  # the client now sends the cookie
    assert page.status == 200
    assert "<html" in (await page.text()).lower()


async def test_static_assets_are_served_with_the_cookie(client: TestClient) -> None:  # type: ignore[type-arg]
    await client.get(f"/?token={TOKEN}", allow_redirects=False)
    response = await client.get("/static/js/textual.js")
    assert response.status == 200


async def test_the_websocket_without_the_cookie_is_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws")
    assert refused.value.status == 403


async def test_there_is_no_directory_index(client: TestClient) -> None:  # type: ignore[type-arg]
    await client.get(f"/?token={TOKEN}", allow_redirects=False)
    for path in ("/static/", "/static/js/", "/static/css/"):
        response = await client.get(path)
        assert response.status in (403, 404), path
        assert "Index of" not in await response.text()


@given(wrong=st.text(max_size=80).filter(lambda text: text != TOKEN))
async def test_a_wrong_token_or_cookie_is_refused(wrong: str) -> None:
    server = TokenServer("true", token=TOKEN, host="127.0.0.1", port=8000)
    async with TestClient(TestServer(await server._make_app())) as test_client:
        by_query = await test_client.get("/", params={"token": wrong}, allow_redirects=False)
        assert by_query.status == 403
        assert COOKIE_NAME not in by_query.cookies
        test_client.session.cookie_jar.update_cookies({COOKIE_NAME: wrong})
        by_cookie = await test_client.get("/", allow_redirects=False)
        assert by_cookie.status == 403


async def test_broken_utf8_in_the_token_is_a_refusal_not_an_error(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    for raw in ("%ED%A0%80", "%FF%FE", "%00", "%C0%AF" * 1000):
        response = await client.get(f"/?token={raw}", allow_redirects=False)
        assert response.status == 403, raw
