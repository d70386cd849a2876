"""Small profile pictures, encoded here so that the stand-in needs no image
library or image files: baseline JPEGs for users with photos, and a PNG for
Ion's default picture (which Ion serves labelled image/jpeg).

Each picture is 64x64 pixels made of flat 8x8 tiles, so the JPEG encoder
only needs the DC coefficient of each block (every AC coefficient is zero).
"""

import functools
import struct
import zlib

SIZE = 64
TILE = 8
TILES = SIZE // TILE

# A head-and-shoulders silhouette on the 8x8 tile grid ('#' = figure).
SILHOUETTE = (
    "........",
    "...##...",
    "..####..",
    "..####..",
    "...##...",
    ".######.",
    "########",
    "########",
)

# The default picture's colours: light grey background, mid grey figure.
DEFAULT_BACKGROUND = (224, 224, 224)
DEFAULT_FIGURE = (150, 150, 150)

# The JPEG standard's example luminance DC Huffman table, as code counts per
# length 1..16 and the symbols in code order.
DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
DC_SYMBOLS = tuple(range(12))
# An AC table with one symbol, end-of-block (0x00), coded as the single bit 0.
AC_BITS = (1,) + (0,) * 15
AC_SYMBOLS = (0x00,)
# Every quantizer step is 8, so a flat block's quantized DC is its level - 128.
QUANT_STEP = 8


def huffman_codes(bits, symbols) -> dict[int, tuple[int, int]]:
    """Build JPEG's canonical Huffman codes: symbol -> (code, length)."""
    codes = {}
    code = 0
    position = 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[symbols[position]] = (code, length)
            code += 1
            position += 1
        code <<= 1
    return codes


DC_CODES = huffman_codes(DC_BITS, DC_SYMBOLS)
EOB_CODE = huffman_codes(AC_BITS, AC_SYMBOLS)[0x00]


class BitWriter:
    """Packs JPEG entropy-coded bits, stuffing a zero byte after each 0xFF."""

    def __init__(self):
        self.data = bytearray()
        self.accumulator = 0
        self.count = 0

    def write(self, value: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self.accumulator = (self.accumulator << 1) | ((value >> shift) & 1)
            self.count += 1
            if self.count == 8:
                self.data.append(self.accumulator)
                if self.accumulator == 0xFF:
                    self.data.append(0x00)
                self.accumulator = 0
                self.count = 0

    def finish(self) -> bytes:
        # JPEG pads the last byte with one bits.
        if self.count:
            self.write((1 << (8 - self.count)) - 1, 8 - self.count)
        return bytes(self.data)


def ycbcr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """JFIF's RGB to YCbCr conversion, rounded to integers."""
    red, green, blue = rgb
    luma = 0.299 * red + 0.587 * green + 0.114 * blue
    blue_difference = 128 - 0.168736 * red - 0.331264 * green + 0.5 * blue
    red_difference = 128 + 0.5 * red - 0.418688 * green - 0.081312 * blue
    return tuple(max(0, min(255, round(value))) for value in (luma, blue_difference, red_difference))


def segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def encode_jpeg(tiles: list[list[tuple[int, int, int]]]) -> bytes:
    """A baseline JPEG of TILES x TILES flat 8x8 tiles, `tiles[row][column]`
    being RGB. Three components, no subsampling, one block per component
    per MCU."""
    jfif = segment(0xE0, b"JFIF\x00" + struct.pack(">BBBHHBB", 1, 1, 0, 1, 1, 0, 0))
    quantization = segment(0xDB, bytes([0x00]) + bytes([QUANT_STEP] * 64))
    frame = segment(
        0xC0,
        struct.pack(">BHHB", 8, SIZE, SIZE, 3) + bytes([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    )
    huffman = segment(
        0xC4,
        bytes([0x00]) + bytes(DC_BITS) + bytes(DC_SYMBOLS) + bytes([0x10]) + bytes(AC_BITS) + bytes(AC_SYMBOLS),
    )
    scan_header = segment(0xDA, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]))

    bits = BitWriter()
    previous_dc = [0, 0, 0]
    for row in tiles:
        for rgb in row:
            for component, level in enumerate(ycbcr(rgb)):
                dc = level - 128
                difference = dc - previous_dc[component]
                previous_dc[component] = dc
                category = abs(difference).bit_length()
                code, length = DC_CODES[category]
                bits.write(code, length)
                if category:
                    # Negative values are sent as their ones' complement.
                    extra = difference if difference > 0 else difference + (1 << category) - 1
                    bits.write(extra, category)
                bits.write(*EOB_CODE)

    return b"\xff\xd8" + jfif + quantization + frame + huffman + scan_header + bits.finish() + b"\xff\xd9"


def silhouette_tiles(background, figure) -> list[list[tuple[int, int, int]]]:
    return [[figure if cell == "#" else background for cell in row] for row in SILHOUETTE]


def encode_png(tiles: list[list[tuple[int, int, int]]]) -> bytes:
    """An 8-bit RGB PNG of the same tile grid."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = bytearray()
    for tile_row in tiles:
        line = b"".join(bytes(rgb) * TILE for rgb in tile_row)
        for _ in range(TILE):
            rows += b"\x00" + line  # filter type 0: none
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b"")


@functools.lru_cache(maxsize=256)
def photo_jpeg(user_id: int, photo_year: str) -> bytes:
    """A user's photo for one photo year: a figure on a background whose
    colour depends on the user and the year, so that tests can tell photos
    apart by their bytes."""
    year_shift = {"freshman": 0, "sophomore": 40, "junior": 80, "senior": 120, "staff": 160}[photo_year]
    hue = (user_id * 53 + year_shift) % 256
    background = (hue, (hue * 3) % 256, 255 - hue)
    figure = (250, 235, 215)
    return encode_jpeg(silhouette_tiles(background, figure))


@functools.lru_cache(maxsize=1)
def default_picture_png() -> bytes:
    return encode_png(silhouette_tiles(DEFAULT_BACKGROUND, DEFAULT_FIGURE))
