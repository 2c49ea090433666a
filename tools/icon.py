# Run from the repository root: python3 tools/icon.py
# A 128×128 PNG: a 2-4-1 network glyph (nodes and edges) on a dark-blue rounded square. Written with zlib only.
import zlib, struct, math
W = H = 128
bg = (22, 48, 92); edge = (120, 170, 230); node = (255, 255, 255); out = (120, 220, 140)
px = [[(0, 0, 0, 0)] * W for _ in range(H)]
def inside_rounded(x, y, r=22):
    cx = min(max(x, r), W - 1 - r); cy = min(max(y, r), H - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
for y in range(H):
    for x in range(W):
        if inside_rounded(x, y): px[y][x] = bg + (255,)
layers = [[(30, 44), (30, 84)], [(64, 22), (64, 50), (64, 78), (64, 106)], [(98, 64)]]
def seg(a, b, c, w=2.2):
    (x0, y0), (x1, y1) = a, b
    for y in range(H):
        for x in range(W):
            dx, dy = x1 - x0, y1 - y0
            t = max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
            d = math.hypot(x - (x0 + t * dx), y - (y0 + t * dy))
            if d < w and px[y][x][3]: px[y][x] = c + (255,)
for l in range(2):
    for a in layers[l]:
        for b in layers[l + 1]: seg(a, b, edge)
for l, nodes in enumerate(layers):
    for (cx, cy) in nodes:
        for y in range(cy - 10, cy + 11):
            for x in range(cx - 10, cx + 11):
                if (x - cx) ** 2 + (y - cy) ** 2 <= 81: px[y][x] = (out if l == 2 else node) + (255,)
raw = b''.join(b'\x00' + bytes(v for p in row for v in p) for row in px)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open('docs/images/icon.png', 'wb').write(png)
