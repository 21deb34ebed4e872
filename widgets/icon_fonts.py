"""Icon fonts cut down to the icons a book uses: Font Awesome's web fonts keep only the glyphs
that the book's (purged) stylesheets still name. 274 kB of fonts become about 3 kB."""

from __future__ import annotations

import re
from pathlib import Path

# An icon is a private-use character in a CSS string (in `content`, `--fa` or a theme variable),
# written as an escape ("\f071") or as the character itself.
ICON = re.compile(r'"(?:\\([ef][0-9a-f]{3})|([\ue000-\uf8ff]))"', re.I)


def subset_icon_fonts(outdir: Path, stylesheets: list[Path]) -> int:
    """Cut the Font Awesome web fonts down to the icons the purged stylesheets still draw."""
    import pydata_sphinx_theme
    from fontTools import subset
    from fontTools.ttLib import TTFont

    theme_fonts = (
        Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
    )
    codepoints = set()
    for sheet in stylesheets:
        for match in ICON.finditer(sheet.read_text(encoding="utf-8")):
            codepoints.add(int(match.group(1), 16) if match.group(1) else ord(match.group(2)))
    fonts = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    # Always cut from the theme's own full fonts: the built copies may be cut already.
    for original in sorted(theme_fonts.glob("*.woff2")):
        path = fonts / original.name
        if not path.is_file():
            continue
        font = TTFont(original)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(path)
    return len(codepoints)
