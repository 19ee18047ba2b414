// Loaded by Fava on every page (the Geldstromen class has has_js_module = True).
// Dutch page language; in read-only mode the write buttons are disabled and explained.

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

let waarnemer = null;

async function bijElkePagina() {
  document.documentElement.lang = "nl";
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
  },
  onPageLoad() {
    bijElkePagina();
  },
};
