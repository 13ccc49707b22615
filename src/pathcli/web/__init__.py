"""What every request to the web shares, whoever makes it (path import and path update, check): which
addresses can be requested at all, which host an address names, and the bounds put on each request.

A low layer: below the store (which refuses, in path files, addresses that cannot be requested) and above
the domain; it imports nothing of pathcli but the shared helpers. httpx, zlib and asyncio are imported only
inside the functions that use them.

- addresses: whether a URL can be requested, and the host it names (case, IP literals as the system
  resolver reads them);
- bounded: one deadline for a whole request (headers, redirects, body), and bodies decompressed under a cap.
"""
