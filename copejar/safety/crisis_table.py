"""National crisis lines and emergency numbers for a few countries, each checked at a source.

Plain Python, no Django models: the help page picks a country's entry from the person's
choice or their time zone. A deployment that sets COPEJAR_CRISIS_LINES shows those lines to
everyone instead (see crisis_lines.py). Every entry names where it was checked and when;
check again before relying on a number, and add a country the same way: name, numbers,
the pages that say so, the time zones that mean it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# When the entries below were last checked against their sources.
CHECKED = "2026-11-26"


@dataclass(frozen=True)
class Line:
    name: str
    number: str  # as people write it; tel: and sms: addresses are made from it
    note: str = ""
    text: str = ""  # a number that takes text messages, when the line answers texts


@dataclass(frozen=True)
class Place:
    code: str  # ISO 3166-1 alpha-2
    name: str
    emergency: str  # the number for police, ambulance and fire
    lines: tuple[Line, ...]
    sources: tuple[str, ...]  # the pages the numbers were checked on
    zones: tuple[str, ...] = ()  # time zones that mean this country
    zone_prefixes: tuple[str, ...] = ()  # whole families of them ("Australia/")
    # What the emergency number is for, when it is not one number for everything.
    emergency_note: str = ""


_ANY_TIME = _("Free, any time of day or night.")
_CAS_HOURS = _("Volunteers answer by day and into the evening, not all through the night.")

PLACES: dict[str, Place] = {
    place.code: place
    for place in (
        Place(
            code="AU",
            name=_("Australia"),
            emergency="000",
            lines=(Line(_("Lifeline"), "13 11 14", _ANY_TIME, text="0477 13 11 14"),),
            sources=(
                "https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/",
                "https://www.theleader.com.au/story/7611333/lifeline-crisis-text-service-goes-247-to-help-more-in-need/",
            ),
            zone_prefixes=("Australia/",),
            zones=("Antarctica/Macquarie",),
        ),
        Place(
            code="CA",
            name=_("Canada"),
            emergency="911",
            lines=(Line(_("9-8-8 Suicide Crisis Helpline"), "988", _ANY_TIME, text="988"),),
            sources=(
                "https://www.maplenow.ca/site/988-suicide-crisis-helpline",
                "https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/",
            ),
            zones=(
                "America/St_Johns",
                "America/Halifax",
                "America/Glace_Bay",
                "America/Moncton",
                "America/Goose_Bay",
                "America/Toronto",
                "America/Iqaluit",
                "America/Winnipeg",
                "America/Rankin_Inlet",
                "America/Resolute",
                "America/Regina",
                "America/Swift_Current",
                "America/Edmonton",
                "America/Cambridge_Bay",
                "America/Inuvik",
                "America/Vancouver",
                "America/Dawson_Creek",
                "America/Fort_Nelson",
                "America/Whitehorse",
                "America/Dawson",
            ),
        ),
        Place(
            code="DE",
            name=_("Germany"),
            emergency="112",
            lines=(
                Line(_("TelefonSeelsorge"), "0800 111 0 111", _ANY_TIME),
                Line(_("TelefonSeelsorge, second number"), "0800 111 0 222", _ANY_TIME),
            ),
            sources=(
                "https://www.domradio.de/glossar/telefonseelsorge-0",
                "https://www.devon-cornwall.police.uk/youth/8-10/phoning-999/",
            ),
            zones=("Europe/Berlin", "Europe/Busingen"),
        ),
        Place(
            # Centro de Asistencia al Suicida (CAS), a volunteer line since 1967: 135 from
            # Buenos Aires and the area around it, (011) 5275-1135 from the rest of the country.
            # 911 is the emergency number; 107 the medical emergencies (SAME) one.
            code="AR",
            name=_("Argentina"),
            emergency="911",
            emergency_note=_(
                "Police and emergencies, if you are in danger right now. Ambulance: 107."
            ),
            lines=(
                Line(
                    _("Centro de Asistencia al Suicida, Buenos Aires and around"),
                    "135",
                    _CAS_HOURS,
                ),
                Line(
                    _("Centro de Asistencia al Suicida, from anywhere in Argentina"),
                    "(011) 5275-1135",
                    _CAS_HOURS,
                ),
            ),
            sources=(
                "https://elauditor.info/actualidad/-es-muy-importante-la-tarea-de-prevencion-del-suicidio-_a603ce26796773412c05b098e",
                "https://www.perfil.com/noticias/equipo-de-investigacion/llamados-135-crecieron-50-por-ciento-durante-pandemia-coronavirus.phtml",
                "https://www.lanacion.com.ar/tecnologia/las-llamadas-al-911-desde-el-celular-detectaran-en-forma-automatica-la-ubicacion-de-quien-pide-ayuda-nid16062021/",
            ),
            zone_prefixes=("America/Argentina/",),
            zones=(
                "America/Buenos_Aires",
                "America/Catamarca",
                "America/Cordoba",
                "America/Jujuy",
                "America/Mendoza",
                "America/Rosario",
            ),
        ),
        Place(
            # Línea de prevención del suicidio *4141, Ministerio de Salud (Minsal), since
            # January 2023: free, 24 hours, from any mobile phone. Chile has no single
            # emergency number: 131 ambulance (SAMU), 132 fire, 133 police (Carabineros).
            code="CL",
            name=_("Chile"),
            emergency="131",
            emergency_note=_(
                "An ambulance, if you are in danger right now. Police: 133. Fire: 132."
            ),
            lines=(
                Line(
                    _("Suicide prevention line *4141"),
                    "*4141",
                    _("Free, any time of day or night, from a mobile phone."),
                ),
            ),
            sources=(
                "https://www.biobiochile.cl/noticias/nacional/chile/2023/01/06/no-estas-solo-minsal-lanza-fono-confidencial-4141-para-auxiliar-a-personas-con-ideacion-suicida.shtml",
                "https://www.latercera.com/nacional/noticia/fono-4141-de-prevencion-del-suicidio-mas-de-227000-llamadas-atendidas-en-tres-anos/",
                "https://www.radiopolar.com/salud-mental-prevencion-suicidio-foco-especialistas-refuerzan-linea-4141-region",
                "https://www.latercera.com/nacional/noticia/la-ultima-apuesta-del-gobierno-en-seguridad-publica-tener-un-acceso-unico-similar-al-911-y-crear-un-sistema-de-proteccion-integrado/",
            ),
            zones=(
                "America/Santiago",
                "America/Punta_Arenas",
                "Pacific/Easter",
                "Chile/Continental",
                "Chile/EasterIsland",
            ),
        ),
        Place(
            # 024, Línea de atención a la conducta suicida, Ministerio de Sanidad, since
            # May 2022: free, 24 hours, every day. 112 for emergencies.
            code="ES",
            name=_("Spain"),
            emergency="112",
            lines=(Line(_("024 Suicide Crisis Line"), "024", _ANY_TIME),),
            sources=(
                "https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml",
                "https://ondacero.es/noticias/sociedad/telefono-atencion-suicidio-recibio-15000-llamadas-primer-mes-funcionamiento_2022061062a36debdbf6f2000130de02.html",
            ),
            zones=("Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"),
        ),
        Place(
            code="IE",
            name=_("Ireland"),
            emergency="112",
            lines=(Line(_("Samaritans"), "116 123", _ANY_TIME),),
            sources=(
                "http://www.newstalk.com/reader/47.301/69999/0/",
                "https://www.rdhs-ltd.co.uk/reporting-emergencies-module/",
            ),
            zones=("Europe/Dublin",),
        ),
        Place(
            # Línea de la Vida, Secretaría de Salud and the Comisión Nacional de Salud Mental y
            # Adicciones (Conasama): free, 24 hours, every day. 911 for emergencies.
            code="MX",
            name=_("Mexico"),
            emergency="911",
            lines=(Line(_("Línea de la Vida"), "800 911 2000", _ANY_TIME),),
            sources=(
                "https://www.eluniversal.com.mx/nacion/promueven-la-linea-de-la-vida-tras-presentar-encuesta-sobre-consumo-de-drogas-asi-puedes-pedir-ayuda/",
                "https://tribunademexico.com/ssa-invita-a-hacer-uso-de-linea-de-la-vida/",
                "https://zamudionoticias.mx/?p=17586",
            ),
            zones=(
                "America/Mexico_City",
                "America/Cancun",
                "America/Merida",
                "America/Monterrey",
                "America/Matamoros",
                "America/Chihuahua",
                "America/Ciudad_Juarez",
                "America/Ojinaga",
                "America/Mazatlan",
                "America/Bahia_Banderas",
                "America/Hermosillo",
                "America/Tijuana",
                "America/Ensenada",
                "America/Santa_Isabel",
                "Mexico/General",
                "Mexico/BajaNorte",
                "Mexico/BajaSur",
            ),
        ),
        Place(
            code="NZ",
            name=_("New Zealand"),
            emergency="111",
            lines=(Line(_("Need to talk? 1737"), "1737", _ANY_TIME, text="1737"),),
            sources=(
                "https://1737.org.nz/",
                "https://www.globelink.co.uk/articles/country-information/travelling-to-new-zealand/telephone-and-postal-services-in-new-zealand.html",
            ),
            zones=("Pacific/Auckland", "Pacific/Chatham"),
        ),
        Place(
            code="GB",
            name=_("United Kingdom"),
            emergency="999",
            lines=(Line(_("Samaritans"), "116 123", _ANY_TIME),),
            sources=(
                "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
                "https://www.wellingtonpractice.co.uk/emergency-information/",
            ),
            zones=(
                "Europe/London",
                "Europe/Belfast",
                "Europe/Guernsey",
                "Europe/Isle_of_Man",
                "Europe/Jersey",
            ),
        ),
        Place(
            code="US",
            name=_("United States"),
            emergency="911",
            lines=(Line(_("988 Suicide & Crisis Lifeline"), "988", _ANY_TIME, text="988"),),
            sources=(
                "https://www.mcphs.edu/student-life/counseling-services/emergency-services/988-suicide-and-crisis-lifeline",
                "https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline",
            ),
            zones=(
                "America/New_York",
                "America/Detroit",
                "America/Kentucky/Louisville",
                "America/Kentucky/Monticello",
                "America/Indiana/Indianapolis",
                "America/Indiana/Vincennes",
                "America/Indiana/Winamac",
                "America/Indiana/Marengo",
                "America/Indiana/Petersburg",
                "America/Indiana/Vevay",
                "America/Chicago",
                "America/Indiana/Tell_City",
                "America/Indiana/Knox",
                "America/Menominee",
                "America/North_Dakota/Center",
                "America/North_Dakota/New_Salem",
                "America/North_Dakota/Beulah",
                "America/Denver",
                "America/Boise",
                "America/Phoenix",
                "America/Los_Angeles",
                "America/Anchorage",
                "America/Juneau",
                "America/Sitka",
                "America/Metlakatla",
                "America/Yakutat",
                "America/Nome",
                "America/Adak",
                "Pacific/Honolulu",
            ),
        ),
    )
}


def place_for_zone(zone: str) -> Place | None:
    """The country a time zone means, when it is one of those above."""
    for place in PLACES.values():
        if zone in place.zones or zone.startswith(place.zone_prefixes or ("\0",)):
            return place
    return None


def place_choices() -> list[tuple[str, str]]:
    """Every country above, by name, for a menu."""
    return sorted(((p.code, str(p.name)) for p in PLACES.values()), key=lambda c: c[1])
