"""AsyncClient (httpx) on one event loop: threads added and memory per held
query while 1,000 blocking queries are held (goal: no thread beyond httpx's
own), and create-transaction throughput of AsyncClient against Client, on
loopback.

    python bench/python_held.py            # with latipay[async] installed and a release sandbox
    python bench/python_held.py --quick    # 100 held queries, short runs
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

import httpx

import latipay

QUICK = "--quick" in sys.argv
ROOT = Path(__file__).resolve().parents[1]
SANDBOX = ROOT / "target" / ("debug" if QUICK else "release") / "latipay-sandbox"
DEMO = ("U000334333", "W00000001", "111222333")
HELD = 100 if QUICK else 1000
SECONDS = 1.0 if QUICK else 5.0
counter = itertools.count()


def rss() -> int:
    """This process's resident memory, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def order() -> Any:
    return dict(
        merchant_reference=f"bench-{next(counter)}-{time.time_ns()}", amount="12.50", payment_method="alipay",
        product_name="bench", callback_url="http://127.0.0.1:9/notify", ip="122.122.122.1",
        return_url="http://127.0.0.1:9/return",
    )


def create(client: Any, fields: Any) -> Any:
    args = [fields.pop(k) for k in ("merchant_reference", "amount", "payment_method", "product_name")]
    return client.create_transaction(*args, **fields)


async def per_second(call: Callable[[], Awaitable[Any]], in_flight: int) -> float:
    done = 0
    end = time.monotonic() + SECONDS

    async def worker() -> None:
        nonlocal done
        while time.monotonic() < end:
            await call()
            done += 1

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return done / SECONDS


async def main(base_url: str) -> None:
    # Connections unlimited (httpx's default is 100): every held query has its own.
    own = httpx.AsyncClient(limits=httpx.Limits(max_connections=None, max_keepalive_connections=32))
    async with latipay.AsyncClient(*DEMO, base_url=base_url, http_client=own) as client:
        first = order()
        reference = first["merchant_reference"]
        await create(client, first)
        await client.query(reference)  # the first connection and its TLS-free setup
        threads, memory = threading.active_count(), rss()
        tasks = [asyncio.create_task(client.query(reference, block=True)) for _ in range(HELD)]
        await asyncio.sleep(2.0)
        added_threads, added_memory = threading.active_count() - threads, rss() - memory
        verdict = "met" if added_threads == 0 else "not met"
        print(f"{HELD} held queries on one event loop: threads added {added_threads} (goal 0: {verdict}); "
              f"RSS +{added_memory / 1048576:.1f} MiB, {added_memory / HELD / 1024:.1f} KiB per held query")
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        rate_async = await per_second(lambda: create(client, order()), 8)
    await own.aclose()
    sync = latipay.Client(*DEMO, base_url=base_url)
    end, done = time.monotonic() + SECONDS, 0
    while time.monotonic() < end:
        create(sync, order())
        done += 1
    rate_sync = done / SECONDS
    print(f"create-transaction throughput on loopback: AsyncClient (httpx, 8 in flight) {rate_async:.0f}/s; "
          f"Client (the core's ureq, one at a time) {rate_sync:.0f}/s; ratio {rate_async / rate_sync:.2f}x")


if __name__ == "__main__":
    sandbox = subprocess.Popen([str(SANDBOX), "--port", "0", "--block-timeout-secs", "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert sandbox.stdout is not None
        url = sandbox.stdout.readline().strip()
        threading.Thread(target=sandbox.stdout.read, daemon=True).start()
        print(f"Python {sys.version.split()[0]}, httpx {httpx.__version__}")
        asyncio.run(main(url))
    finally:
        sandbox.terminate()
