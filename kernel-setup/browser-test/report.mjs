// Opens a collapse report (toolkit/bin/collapse-report's report.html) in headless Chromium, from disk as a person
// would, and checks what they would see: every chart decoded (an inline PNG of nonzero size), the measures table
// with the expected rows, and the inputs table naming the file's SHA-256. Nothing is fetched: the page is one file.
//
//   node report.mjs --page DIR/report.html --rows 9 --images 6 --sha256 HEX [--chromium /usr/bin/chromium] [--screenshot FILE]
import puppeteer from "puppeteer-core";
import { pathToFileURL } from "node:url";

const o = { chromium: "/usr/bin/chromium" };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, "")] = argv[i + 1];
for (const k of ["page", "rows", "images", "sha256"]) if (!o[k]) throw new Error(`--${k} is required`);

const browser = await puppeteer.launch({ executablePath: o.chromium, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
let failures = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("data:") && !r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(o.page).href, { waitUntil: "load" });
  const state = await page.evaluate(async () => {
    const imgs = [...document.querySelectorAll("figure img")];
    await Promise.all(imgs.map((i) => i.decode().catch(() => null)));
    const measures = document.querySelector("table#measures");
    return {
      title: document.title,
      images: imgs.map((i) => ({ png: i.src.startsWith("data:image/png;base64,"), width: i.naturalWidth, height: i.naturalHeight, shown: i.getBoundingClientRect().width })),
      rows: measures ? measures.querySelectorAll("tbody tr").length : -1,
      cells: measures ? [...measures.querySelectorAll("tbody tr:first-child td")].map((td) => td.textContent) : [],
      inputs: document.querySelector("table#inputs")?.textContent || "",
    };
  });
  if (state.images.length !== Number(o.images)) failures.push(`${state.images.length} charts, expected ${o.images}`);
  state.images.forEach((i, n) => { if (!i.png || i.width < 100 || i.height < 100 || i.shown < 100) failures.push(`chart ${n + 1} did not render: ${JSON.stringify(i)}`); });
  if (state.rows !== Number(o.rows)) failures.push(`the measures table has ${state.rows} rows, expected ${o.rows}`);
  if (!state.cells.some((c) => /^\d+\.\d{3}$/.test(c))) failures.push(`no rounded measure in the first row: ${state.cells}`);
  if (!state.inputs.includes(o.sha256)) failures.push("the inputs do not name the file's SHA-256");
  if (requests.length) failures.push(`the page fetched ${requests.join(", ")}: it must be self-contained`);
  if (o.screenshot) await page.screenshot({ path: o.screenshot, fullPage: true });
  console.log(`report.mjs: ${state.title}: ${state.images.length} charts, ${state.rows} rows of measures (first: ${state.cells.slice(0, 4).join(" | ")} ...)`);
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(`report.mjs: FAILED: ${f}`);
  process.exit(1);
}
