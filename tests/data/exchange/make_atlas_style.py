"""Writes atlas_style.qdpx: a REFI-QDA project in the style of the standard's
annex A.2 (ATLAS.ti export), used by tests/exchange/test_refi.py.

Run from the repository root: python tests/data/exchange/make_atlas_style.py
"""

import zipfile
from pathlib import Path

TEXT = (
    "I'm a single mum and breakfast is mayhem.\r\n"
    "Our Großmütter 👵 eat porridge, the kids eat cornflakes.\r\n"
)


def pos(part: str) -> tuple[int, int]:
    start = TEXT.index(part)  # code points of the file as written, \r included
    return start, start + len(part)


s1, e1 = pos("Großmütter 👵 eat porridge")
s2, e2 = pos("the kids eat cornflakes")

QDE = f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 origin="ATLAS.ti 8.4.0" creatingUserGUID="AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
 creationDateTime="2018-03-27T17:46:39Z" name="ATLAS.ti standard project">
 <Users>
  <User guid="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" name="Friedrich Markgraf"/>
  <User guid="{{A5DE7584-8296-418B-A322-136F77ADF87B}}" name="Sebastian Petrausch"/>
 </Users>
 <CodeBook>
  <Codes>
   <Code color="#F00082" isCodable="true" name="Feelings" guid="0F8A1907-7E42-4739-8610-A676B4D1B69F">
    <Description>thoughts about breakfast foods</Description>
   </Code>
   <Code color="#46AA00" isCodable="true" name="Breakfast food" guid="{{E3AABCC1-84E7-48D4-B059-50FF914ED1E2}}">
    <Code color="#D00" isCodable="true" name="cornflakes" guid="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/>
   </Code>
  </Codes>
 </CodeBook>
 <Sources>
  <TextSource plainTextPath="internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt"
   richTextPath="internal://3CD739AF-80D7-402D-A836-BE292887E147.docx"
   guid="EC0A7242-65E1-457C-B7D1-310DAE603FAB" name="Mabel.txt">
   <PlainTextSelection startPosition="{s1}" endPosition="{e1}" guid="{{2F24EA88-C6A7-482B-8F89-893EF66D7A21}}"
    creatingUser="A5DE7584-8296-418B-A322-136F77ADF87B" name="Großmütter">
    <Description>Why porridge?</Description>
    <Coding creatingUser="A5DE7584-8296-418B-A322-136F77ADF87B" guid="2284BF5B-8F78-45B6-A6EF-A128D991408B">
     <CodeRef targetGUID="0F8A1907-7E42-4739-8610-A676B4D1B69F"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection startPosition="{s2}" endPosition="{e2}" guid="B49D7982-BB8E-4335-80AF-DC869CCC3F45"
    name="kids">
    <Coding guid="89B9918E-4209-4FE0-BEA0-0C7FF56D67A4">
     <CodeRef targetGUID="{{E3AABCC1-84E7-48D4-B059-50FF914ED1E2}}"/>
    </Coding>
    <Coding guid="4B8DD4A4-0C50-42D0-91F4-9E95AFBFC7F0">
     <CodeRef targetGUID="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/>
    </Coding>
   </PlainTextSelection>
  </TextSource>
  <PictureSource path="internal://87EAD86F-3112-4537-8A01-01427CAE1C6D.jpg"
   guid="02255470-09E6-400B-9E20-97D71FBEC65D" name="cornflakes-n-milk.jpg"/>
 </Sources>
</Project>
"""

if __name__ == "__main__":
    out = Path(__file__).with_name("atlas_style.qdpx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Project.qde", QDE.encode("utf-8"))
        zf.writestr("Sources/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt", TEXT.encode("utf-8"))
        zf.writestr("Sources/3CD739AF-80D7-402D-A836-BE292887E147.docx", b"PK not really a docx")
    print(out)
