"""The pages' icon, inline as a data URI: a page asks its server for nothing that is not there (browsers ask
for /favicon.ico otherwise, a 404 on every page). A curve with the ball resting at its minimum."""

from __future__ import annotations

import base64

SVG = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' "
       "fill='#11151c'/><path d='M4 5 Q16 43 28 5' fill='none' stroke='#74c0fc' stroke-width='3'/>"
       "<circle cx='16' cy='20.5' r='3.5' fill='#ffd43b'/></svg>")
URI = "data:image/svg+xml;base64," + base64.b64encode(SVG.encode()).decode()
LINK = f'<link rel="icon" type="image/svg+xml" href="{URI}">'
