// Loaded by Fava on every page (the Geldstromen class has has_js_module = True).
// Dutch page language; in read-only mode the write buttons are disabled and explained;
// the sidebar's journal link opens the journal without the plugin's releases (#vrijval).

const SCHRIJFKNOPPEN = new Set(["Opslaan", "Save", "Uploaden", "Upload", "Verplaatsen", "Move", "Verwijderen", "Delete", "×"]);
const UITLEG = "Alleen-lezen: Fava is gestart zonder --schrijven, dus opslaan, uploaden, verplaatsen en " +
  "verwijderen werken hier niet. Wijzig het grootboek met snw import of start snw fava --schrijven.";
let alleenLezen = null;

function slug() {
  return window.location.pathname.split("/")[1];
}

async function modus() {
  if (alleenLezen === null) {
    try {
      const antwoord = await fetch(`/${slug()}/extension/Geldstromen/modus`);
      alleenLezen = Boolean((await antwoord.json()).alleen_lezen);
    } catch {
      alleenLezen = false;
    }
  }
  return alleenLezen;
}

function schrijfknoppenUit() {
  for (const knop of document.querySelectorAll("article button, article input[type=submit], form button")) {
    const tekst = (knop.textContent || knop.value || "").trim();
    if (SCHRIJFKNOPPEN.has(tekst)) {
      if (!knop.disabled) knop.disabled = true;
      if (knop.title !== UITLEG) knop.title = UITLEG;
      knop.classList.add("snw-alleen-lezen");
    }
  }
  const pad = window.location.pathname;
  const schrijfpagina = pad.endsWith("/editor/") || pad.endsWith("/import/");
  const article = document.querySelector("article");
  if (schrijfpagina && article && !article.querySelector(".snw-alleen-lezen-uitleg")) {
    const p = document.createElement("p");
    p.className = "snw-alleen-lezen-uitleg";
    p.setAttribute("role", "note");
    p.style.cssText = "border: 2px solid #b00; padding: 0.4em; margin: 0.5em 0;";
    p.textContent = UITLEG;
    article.prepend(p);
  }
}

// The plugin's release entries carry #vrijval; the journal the sidebar opens hides them (the
// filter "-#vrijval", as the sidebar link "Dagboek zonder vrijval"). One click on the filter's
// × shows them. A journal link that already carries a filter is left as it is.
const ZONDER_VRIJVAL = "-#vrijval";
const VRIJVAL_UITLEG = "Dagboek zonder de vrijvalboekingen van de plugin (#vrijval); wis het filter (×) om ze te zien.";

function dagboekZonderVrijval() {
  for (const link of document.querySelectorAll("aside a[href]")) {
    const url = new URL(link.getAttribute("href"), window.location.origin);
    if (!url.pathname.endsWith("/journal/") || url.searchParams.has("filter")) continue;
    url.searchParams.set("filter", ZONDER_VRIJVAL);
    link.setAttribute("href", url.pathname + url.search + url.hash);
    link.title = VRIJVAL_UITLEG;
  }
}

let zijbalk = null;
let waarnemer = null;

async function bijElkePagina() {
  document.documentElement.lang = "nl";
  dagboekZonderVrijval();
  if (zijbalk === null) {
    // Fava's sidebar sets its links again when the filters change.
    zijbalk = new MutationObserver(() => dagboekZonderVrijval());
    zijbalk.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
  }
  if (await modus()) {
    schrijfknoppenUit();
    if (waarnemer === null) {
      // Fava's pages render after load (Svelte); disable buttons that appear later too.
      waarnemer = new MutationObserver(() => schrijfknoppenUit());
      waarnemer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
    }
  }
}

export default {
  init() {
    document.documentElement.lang = "nl";
    dagboekZonderVrijval();
  },
  onPageLoad() {
    bijElkePagina();
  },
};
