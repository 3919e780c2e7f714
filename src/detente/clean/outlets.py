"""A small table of news outlets: canonical name, web domains and the spellings pages use.

Used to name an outlet from a domain ("a report on rt.com"), a masthead word or a sign-off.  A name
not in the table is kept as the page writes it; nothing is guessed from the table alone.
"""

from __future__ import annotations

import re

__all__ = ["OUTLETS", "outlet_for_domain", "outlet_for_name"]

#: canonical name -> (domains, other spellings)
OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Reuters": (("reuters.com",), ()),
    "Associated Press": (("apnews.com", "ap.org"), ("AP", "AP News")),
    "Agence France-Presse": (("afp.com",), ("AFP",)),
    "BBC": (("bbc.com", "bbc.co.uk"), ("BBC News",)),
    "CNN": (("cnn.com",), ()),
    "The New York Times": (("nytimes.com",), ("New York Times", "NYT")),
    "The Washington Post": (("washingtonpost.com",), ("Washington Post",)),
    "The Wall Street Journal": (("wsj.com",), ("Wall Street Journal", "WSJ")),
    "The Guardian": (("theguardian.com", "guardian.co.uk"), ("Guardian",)),
    "Financial Times": (("ft.com",), ("FT",)),
    "The Economist": (("economist.com",), ("Economist",)),
    "Bloomberg": (("bloomberg.com",), ()),
    "Politico": (("politico.com", "politico.eu"), ()),
    "Foreign Policy": (("foreignpolicy.com",), ()),
    "Foreign Affairs": (("foreignaffairs.com",), ()),
    "The Diplomat": (("thediplomat.com",), ("Diplomat",)),
    "Al Jazeera": (("aljazeera.com", "aljazeera.net"), ()),
    "Deutsche Welle": (("dw.com",), ("DW",)),
    "France 24": (("france24.com",), ()),
    "Euronews": (("euronews.com",), ()),
    "Radio Free Europe/Radio Liberty": (("rferl.org",), ("RFE/RL",)),
    "Voice of America": (("voanews.com",), ("VOA",)),
    "RT": (("rt.com",), ("Russia Today",)),
    "TASS": (("tass.com", "tass.ru"), ()),
    "RIA Novosti": (("ria.ru",), ("RIA",)),
    "Sputnik": (("sputniknews.com", "sputnikglobe.com"), ()),
    "Interfax": (("interfax.ru", "interfax.com"), ()),
    "Kommersant": (("kommersant.ru",), ()),
    "The Moscow Times": (("themoscowtimes.com",), ("Moscow Times",)),
    "Meduza": (("meduza.io",), ()),
    "Regnum": (("regnum.ru",), ()),
    "Global Times": (("globaltimes.cn",), ()),
    "Xinhua": (("xinhuanet.com", "news.cn"), ("Xinhua News Agency",)),
    "China Daily": (("chinadaily.com.cn",), ()),
    "People's Daily": (("people.com.cn", "en.people.cn"), ()),
    "CGTN": (("cgtn.com",), ()),
    "South China Morning Post": (("scmp.com",), ("SCMP",)),
    "Caixin": (("caixinglobal.com", "caixin.com"), ()),
    "Nikkei Asia": (("asia.nikkei.com", "nikkei.com"), ("Nikkei Asian Review", "Nikkei")),
    "The Japan Times": (("japantimes.co.jp",), ("Japan Times",)),
    "Kyodo News": (("kyodonews.net",), ("Kyodo",)),
    "Yonhap": (("yna.co.kr",), ("Yonhap News Agency",)),
    "Taipei Times": (("taipeitimes.com",), ()),
    "Focus Taiwan": (("focustaiwan.tw",), ("CNA",)),
    "The Hindu": (("thehindu.com",), ()),
    "The Times of India": (("timesofindia.indiatimes.com",), ("Times of India",)),
    "Dawn": (("dawn.com",), ()),
    "MEMRI": (("memri.org",), ("Middle East Media Research Institute",)),
    "Kyiv Independent": (("kyivindependent.com",), ()),
    "Ukrainska Pravda": (("pravda.com.ua",), ()),
    "Carnegie Endowment": (("carnegieendowment.org", "carnegie.ru"), ("Carnegie",)),
    "War on the Rocks": (("warontherocks.com",), ()),
    "The Straits Times": (("straitstimes.com",), ("Straits Times",)),
    "Fox News": (("foxnews.com",), ()),
    "NBC News": (("nbcnews.com",), ()),
    "CBS News": (("cbsnews.com",), ()),
    "ABC News": (("abcnews.go.com", "abc.net.au"), ()),
    "NPR": (("npr.org",), ()),
    "Newsweek": (("newsweek.com",), ()),
    "Time": (("time.com",), ()),
    "Le Monde": (("lemonde.fr",), ()),
    "Der Spiegel": (("spiegel.de",), ("Spiegel",)),
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))


_BY_NAME = {
    _key(alias): name for name, (_, aliases) in OUTLETS.items() for alias in (name, *aliases)
}
_BY_DOMAIN = {domain: name for name, (domains, _) in OUTLETS.items() for domain in domains}


def outlet_for_domain(domain: str) -> str:
    """The outlet behind a domain; an unknown domain is returned as written (lower-cased)."""
    host = domain.lower().strip().removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = _BY_DOMAIN.get(".".join(parts[i:]))
        if name:
            return name
    return host


def outlet_for_name(name: str) -> str | None:
    """The canonical name for a spelling ("memri" -> "MEMRI"), or None when not in the table."""
    return _BY_NAME.get(_key(name))
