//! The theme's interface text in each language, given to templates as `t`.

use std::collections::BTreeMap;

use crate::config::Language;

const STRINGS: &[(&str, &str, &str)] = &[
    (
        "skip_to_content",
        "Direct naar de inhoud",
        "Skip to content",
    ),
    ("home", "Startpagina", "Home"),
    (
        "missing_link",
        "Deze pagina bestaat nog niet",
        "This page does not exist yet",
    ),
    ("embed_from", "Uit", "From"),
    ("wanted_pages", "Gevraagde pagina's", "Wanted pages"),
    (
        "wanted_intro",
        "Naar deze pagina's wordt verwezen, maar ze bestaan nog niet.",
        "These pages are linked to but do not exist yet.",
    ),
    ("wanted_from", "gevraagd in", "linked from"),
    (
        "wanted_none",
        "Elke link gaat naar een bestaande pagina.",
        "Every link goes to a page that exists.",
    ),
    ("properties", "Eigenschappen", "Properties"),
    ("main_nav", "Hoofdmenu", "Main menu"),
    ("breadcrumb", "Kruimelpad", "Breadcrumb"),
    ("search", "Zoeken", "Search"),
    (
        "search_label",
        "Zoek in de kennisbank",
        "Search the knowledge base",
    ),
    ("search_button", "Zoek", "Search"),
    ("search_hint", "Druk op / om te zoeken", "Press / to search"),
    (
        "search_no_js",
        "Zoeken werkt met JavaScript. Zonder JavaScript vindt u alles via de overzichten en trefwoorden.",
        "Search needs JavaScript. Without it, everything is reachable through the listings and facets.",
    ),
    (
        "backlinks",
        "Pagina's die hiernaar verwijzen",
        "Pages that link here",
    ),
    (
        "no_backlinks",
        "Nog geen andere pagina verwijst hierheen.",
        "No other page links here yet.",
    ),
    ("on_this_page", "Op deze pagina", "On this page"),
    ("back_to_top", "Naar boven", "Back to top"),
    ("edit_page", "Bewerk deze pagina", "Edit this page"),
    ("also_known_as", "Ook bekend als", "Also known as"),
    ("publisher", "Uitgever", "Publisher"),
    ("year", "Jaar", "Year"),
    ("authors", "Auteurs", "Authors"),
    (
        "go_to_publication",
        "Naar de publicatie",
        "Go to the publication",
    ),
    ("organisation", "Organisatie", "Organisation"),
    ("place", "Plaats", "Place"),
    ("website", "Website", "Website"),
    ("date", "Datum", "Date"),
    ("published", "Gepubliceerd", "Published"),
    ("updated", "Bijgewerkt", "Updated"),
    ("kind", "Soort pagina", "Type of page"),
    ("kinds", "Wat u hier vindt", "What you find here"),
    ("facets", "Ordening", "Facets"),
    ("all_notes", "Alles van A tot Z", "Everything A to Z"),
    ("notes", "notities", "notes"),
    ("pages", "pagina's", "pages"),
    ("note", "notitie", "note"),
    ("subsections", "Onderdelen", "Sections"),
    ("recent", "Recent toegevoegd", "Recently added"),
    ("filter", "Filteren", "Filter"),
    ("filters", "Filters", "Filters"),
    ("clear_filters", "Alle filters wissen", "Clear all filters"),
    (
        "no_results",
        "Niets gevonden met deze filters.",
        "No notes match these filters.",
    ),
    ("results", "resultaten", "results"),
    ("result", "resultaat", "result"),
    ("search_for", "voor", "for"),
    (
        "search_none",
        "Niets gevonden. Probeer een ander of korter woord.",
        "Nothing found. Try another or a shorter word.",
    ),
    ("search_more", "Meer resultaten tonen", "Show more results"),
    ("search_all", "Alle resultaten", "All results"),
    ("search_suggestions", "Zoekresultaten", "Search results"),
    ("search_loading", "Zoeken…", "Searching…"),
    (
        "search_keys",
        "Pijltjestoetsen gaan door de resultaten, Enter opent, Escape gaat terug naar het zoekveld.",
        "Arrow keys move through the results, Enter opens, Escape returns to the search field.",
    ),
    ("show_filters", "Filters tonen", "Show filters"),
    ("hide_filters", "Filters verbergen", "Hide filters"),
    ("active", "actief", "active"),
    ("show_all", "Toon alle", "Show all"),
    ("pagination", "Pagina's", "Pages"),
    ("page", "Pagina", "Page"),
    ("page_of", "van", "of"),
    ("previous_page", "Vorige pagina", "Previous page"),
    ("next_page", "Volgende pagina", "Next page"),
    ("remove_filter", "Filter weghalen", "Remove filter"),
    ("active_filters", "Actieve filters", "Active filters"),
    ("showing", "Getoond", "Showing"),
    ("of", "van", "of"),
    (
        "feed",
        "Nieuw in de kennisbank (Atom-feed)",
        "New in the knowledge base (Atom feed)",
    ),
    ("dark_mode", "Donkere modus", "Dark mode"),
    ("menu", "Menu", "Menu"),
    ("about_site", "Over deze site", "About this site"),
    ("not_found_title", "Pagina niet gevonden", "Page not found"),
    (
        "not_found_text",
        "Deze pagina bestaat niet (meer). Zoek hieronder, of begin op de startpagina.",
        "This page does not exist (any more). Search below, or start at the home page.",
    ),
    ("all_values", "Alle waarden", "All values"),
    ("values", "waarden", "values"),
    ("choose_one_of", "Kies een van deze", "Choose one of these"),
    ("letter_nav", "Naar letter", "Jump to letter"),
    ("reading_list", "Leeslijst", "Reading list"),
    ("title", "Titel", "Title"),
    ("print", "Afdrukken", "Print"),
    ("use_this_list", "Deze lijst gebruiken", "Use this list"),
    ("handout", "Hand-out om af te drukken", "Handout to print"),
    ("handout_short", "hand-out", "handout"),
    (
        "download_references",
        "Bronnen voor uw literatuurprogramma (Zotero, EndNote)",
        "References for your reference manager (Zotero, EndNote)",
    ),
    (
        "handout_print_hint",
        "Druk deze pagina af op A4 met de afdrukfunctie van uw browser.",
        "Print this page on A4 with your browser's print function.",
    ),
    (
        "back_to_list",
        "Terug naar de leeslijst",
        "Back to the reading list",
    ),
    (
        "scan_for_online",
        "Scan de code voor de online leeslijst:",
        "Scan the code for the online reading list:",
    ),
    ("online_list", "Online leeslijst", "Online reading list"),
    (
        "handout_no_address",
        "Zonder het adres van de site staat er geen QR-code en geen adres van de online leeslijst op deze hand-out. Zet in kennisbank.yaml base_url op het volledige adres (bijvoorbeeld https://kennisbank.gemeente.nl/) en bouw de site opnieuw.",
        "Without the site's address this handout has no QR code and no address of the online list. Set base_url in kennisbank.yaml to the full address (for example https://kb.example.org/) and build the site again.",
    ),
    ("on_this_site", "In de kennisbank", "In the knowledge base"),
    (
        "footer_text",
        "Gemaakt met kennisbank. Deze site laadt niets van andere partijen.",
        "Made with kennisbank. This site loads nothing from third parties.",
    ),
];

/// One interface string, without building the whole table.
pub fn string(language: Language, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(
            "",
            |(_, nl, en)| if language == Language::En { en } else { nl },
        )
}

pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(key, nl, en)| (*key, if language == Language::En { *en } else { *nl }))
        .collect()
}

/// What `build` says when writing stopped part way: honest about the folder, and about the fix.
pub fn output_incomplete(
    language: Language,
    dir: &std::path::Path,
    reason: &dyn std::fmt::Display,
) -> String {
    let dir = dir.display();
    match language {
        Language::En => format!(
            "the output in {dir} is incomplete: {reason}; the next successful build repairs it"
        ),
        Language::Nl => format!(
            "de uitvoer in {dir} is onvolledig: {reason}; de volgende geslaagde build herstelt dat"
        ),
    }
}

/// Month names, also for Bases' `format()`.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1 september 2025` / `1 September 2025`.
pub fn format_date(date: jiff::civil::Date, language: Language) -> String {
    let months = if language == Language::En {
        MONTHS_EN
    } else {
        MONTHS_NL
    };
    format!(
        "{} {} {}",
        date.day(),
        months[date.month() as usize - 1],
        date.year()
    )
}
