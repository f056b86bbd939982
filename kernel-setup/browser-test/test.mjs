// Opens a notebook in headless Chromium through a running Jupyter Notebook 6.4, runs all its cells
// through the page (the menu's Cell > Run All), and checks in the page what a person would see: the
// kernel becomes idle, every code cell ran, no error output, the inline PNG decoded, the HTML table
// rendered, the expected text printed. Repeated over fresh kernels: the session is deleted between
// rounds, so each round starts a new kernel (its id is checked to differ).
//
//   node test.mjs --url http://127.0.0.1:PORT --token TOKEN --notebook kernel-check.ipynb --starts 3
//        [--chromium /usr/bin/chromium] [--ready-timeout 60] [--run-timeout 300]
import puppeteer from "puppeteer-core";

function options(argv) {
  const o = { chromium: "/usr/bin/chromium", starts: 3, readyTimeout: 60, runTimeout: 300 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "").replace(/-(.)/g, (_, c) => c.toUpperCase());
    if (!(key in o) && !["url", "token", "notebook"].includes(key)) throw new Error(`unknown option ${argv[i]}`);
    o[key] = typeof o[key] === "number" ? Number(argv[i + 1]) : argv[i + 1];
  }
  for (const k of ["url", "token", "notebook"]) if (!o[k]) throw new Error(`--${k} is required`);
  return o;
}

const o = options(process.argv.slice(2));
const api = (path, init = {}) =>
  fetch(`${o.url}${path}`, { ...init, headers: { Authorization: `token ${o.token}`, ...(init.headers || {}) } });

async function deleteSessions() {
  const sessions = await (await api("/api/sessions")).json();
  for (const s of sessions) await api(`/api/sessions/${s.id}`, { method: "DELETE" });
}

// What the page shows, read from the DOM.
async function pageState(page) {
  return page.evaluate(() => {
    const cells = [...document.querySelectorAll("#notebook-container .cell.code_cell")];
    const prompts = cells.map((c) => c.querySelector(".input_prompt")?.textContent.replace(/\s+/g, "") || "");
    const images = [...document.querySelectorAll(".output_png img")].map((img) => ({
      png: img.src.startsWith("data:image/png;base64,"), complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
    }));
    return {
      // the indicator's idle icon, once the page has the kernel's kernel_info_reply (the icon can be idle before)
      kernelIdle: (document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon") &&
        Boolean(window.Jupyter?.notebook?.kernel?.info_reply?.protocol_version)) || false,
      kernelDead: document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_dead_icon") || false,
      prompts,
      ran: prompts.filter((p) => /^In\[\d+\]:$/.test(p)).length,
      errors: [...document.querySelectorAll(".output_error, .output_subarea.output_error")].map((e) => e.textContent.slice(0, 300)),
      images,
      tableCells: [...document.querySelectorAll(".output_html table td")].map((td) => td.textContent.trim()),
      text: [...document.querySelectorAll(".output_text, .output_stream")].map((e) => e.textContent).join("\n"),
    };
  });
}

async function until(page, what, seconds, test) {
  const deadline = Date.now() + seconds * 1000;
  let state;
  while (Date.now() < deadline) {
    state = await pageState(page);
    if (test(state)) return state;
    if (state.kernelDead) throw new Error(`${what}: the page shows the kernel as dead`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${seconds} s; the page shows ${JSON.stringify(state).slice(0, 1500)}`);
}

function check(state, codeCells) {
  const problems = [];
  if (state.ran !== codeCells) problems.push(`${state.ran} of ${codeCells} code cells show an execution count: ${state.prompts}`);
  if (state.errors.length) problems.push(`error output: ${state.errors.join(" | ")}`);
  const good = state.images.filter((i) => i.png && i.complete && i.width > 0 && i.height > 0);
  if (good.length !== 1) problems.push(`expected one decoded inline PNG, found ${JSON.stringify(state.images)}`);
  for (const td of ["C1", "C2", "C3", "3.2", "1.5", "7.25"])
    if (!state.tableCells.includes(td)) problems.push(`the HTML table has no cell '${td}' (cells: ${state.tableCells})`);
  for (const text of ["profile=", "100.0%  100,000/100,000 rows", "CpuBackend"])
    if (!state.text.includes(text)) problems.push(`no output text '${text}'`);
  return problems;
}

const browser = await puppeteer.launch({
  executablePath: o.chromium,
  headless: true,
  // root in containers and CI; a small /dev/shm in containers
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
});
let failed = 0;
const kernels = new Set();
const readyTimes = [];
try {
  for (let round = 1; round <= o.starts; round++) {
    await deleteSessions(); // the next page load starts a fresh kernel
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.log(`   page error: ${e.message}`));
    const t0 = Date.now();
    try {
      await page.goto(`${o.url}/notebooks/${encodeURIComponent(o.notebook)}?token=${o.token}`, { waitUntil: "load" });
      await page.waitForSelector("#notebook-container .cell", { timeout: 30_000 });
      const codeCells = await page.$$eval("#notebook-container .cell.code_cell", (c) => c.length);
      await until(page, `round ${round}: the kernel's first idle`, o.readyTimeout, (s) => s.kernelIdle);
      const ready = (Date.now() - t0) / 1000;
      readyTimes.push(ready);
      const kernel = (await (await api("/api/sessions")).json()).map((s) => s.kernel.id).join(",");
      if (kernels.has(kernel)) throw new Error(`round ${round}: kernel ${kernel} is not a fresh one`);
      kernels.add(kernel);
      // Cell > Run All, as a person would
      await page.click("#celllink");
      await page.click("#run_all_cells");
      const t1 = Date.now();
      const state = await until(page, `round ${round}: all ${codeCells} code cells run`, o.runTimeout,
        (s) => s.kernelIdle && (s.ran === codeCells || s.errors.length > 0));
      const problems = check(state, codeCells);
      const took = ((Date.now() - t1) / 1000).toFixed(1);
      if (problems.length) {
        failed++;
        console.log(`   round ${round}: FAILED (kernel ${kernel}, idle after ${ready.toFixed(1)} s): ${problems.join("; ")}`);
      } else {
        console.log(`   round ${round}: fresh kernel ${kernel.slice(0, 8)} idle ${ready.toFixed(1)} s after the page load; ` +
          `${codeCells} cells ran in ${took} s; PNG ${state.images[0].width}x${state.images[0].height}, table, text: ok`);
      }
    } catch (e) {
      failed++;
      console.log(`   round ${round}: FAILED: ${e.message}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await deleteSessions().catch(() => {});
  await browser.close();
}
const median = readyTimes.sort((a, b) => a - b)[Math.floor(readyTimes.length / 2)];
console.log(`browser test: ${o.starts - failed}/${o.starts} fresh kernel starts ran ${o.notebook} in Chromium` +
  (readyTimes.length ? `; kernel idle after a median ${median.toFixed(1)} s, max ${Math.max(...readyTimes).toFixed(1)} s` : ""));
process.exit(failed ? 1 : 0);
