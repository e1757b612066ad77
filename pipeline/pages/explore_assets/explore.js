// The lesson's explorable: <lesson-explorable data-data="…json" data-style="…css">. Every run was computed by
// the lesson generator's mathcore when the lesson was rendered; this module only looks a run up and draws it
// (no arithmetic on the function, the learning rate or the iterates). Written by pipeline/explore.py.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DELTA = 30, ABSOLUTE = 61, REPEAT = 62;
const SVG = "http://www.w3.org/2000/svg";
const PAD = 24, BELOW = 60, LEFT = 150;  // room under the plot for the domain's ends, left of it for the y-axis
let serial = 0;

// the path's columns, as lessons/explore.py encode_path wrote them
function decode(text) {
  const codes = [...text].map((c) => ALPHABET.indexOf(c));
  const columns = [];
  for (let i = 0; i < codes.length;) {
    const code = codes[i];
    if (code === ABSOLUTE) { columns.push((codes[i + 1] << 6) | codes[i + 2]); i += 3; }
    else if (code === REPEAT) { for (let k = 0; k <= codes[i + 1]; k++) columns.push(columns[columns.length - 1]); i += 2; }
    else { columns.push(columns[columns.length - 1] + code - DELTA); i += 1; }
  }
  return columns;
}

function el(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function addStyle(href) {
  if (!href) return;
  const url = new URL(href, document.baseURI).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((link) => link.href === url)) return;
  document.head.append(el("link", {rel: "stylesheet", href: url}));
}

class LessonExplorable extends HTMLElement {
  connectedCallback() {
    if (this.started) return;
    this.started = true;
    addStyle(this.dataset.style);
    fetch(new URL(this.dataset.data, document.baseURI))
      .then((response) => { if (!response.ok) throw new Error(`HTTP ${response.status}`); return response.json(); })
      .then((data) => this.build(data))
      .catch((error) => { this.dataset.state = "error"; console.warn("lesson-explorable:", error); });
  }

  disconnectedCallback() { cancelAnimationFrame(this.frame); }

  build(data) {
    this.data = data;
    this.id = this.id || `lesson-explorable-${++serial}`;
    const words = data.words;
    const box = el("div", {class: "lx", lang: data.language});
    box.append(el("p", {class: "lx-title"}, words.title));
    const tabs = el("div", {class: "lx-tabs", role: "tablist"});
    const panelId = `${this.id}-panel`;
    this.tabButtons = data.tabs.map((tab, index) => {
      const button = el("button", {type: "button", role: "tab", class: "lx-tab", "data-kind": tab.kind,
                                   id: `${this.id}-tab-${index}`, "aria-controls": panelId}, tab.label);
      button.addEventListener("click", () => this.choose(index, true));
      button.addEventListener("keydown", (event) => {
        const move = {ArrowRight: 1, ArrowLeft: -1}[event.key];
        if (move) { event.preventDefault(); this.choose((index + move + data.tabs.length) % data.tabs.length, true); }
      });
      tabs.append(button);
      return button;
    });
    box.append(tabs);
    // what the tabs switch: one panel, labelled by the tab selected
    this.panel = el("div", {class: "lx-panel", role: "tabpanel", id: panelId});
    box.append(this.panel);
    this.formula = el("p", {class: "lx-formula"});
    this.panel.append(this.formula);
    this.plot = svg("svg", {class: "lx-plot", viewBox: `${-LEFT} ${-PAD} ${data.levels - 1 + LEFT + PAD} ${data.rows - 1 + PAD + BELOW}`,
                            role: "img"});
    this.panel.append(this.plot);
    this.plot.addEventListener("click", (event) => this.pick(event));
    const controls = el("div", {class: "lx-controls"});
    this.start = this.slider(controls, "start", words.start);
    this.startY = this.slider(controls, "startY", words.startY || "y₀");  // a surface's second coordinate
    this.rate = this.slider(controls, "rate", words.rate);
    const field = el("fieldset", {class: "lx-optimizer"});
    field.append(el("legend", {}, words.optimizer));
    this.optimizers = data.optimizers.map((name) => {
      const label = el("label", {class: "lx-choice"});
      const input = el("input", {type: "radio", name: `${this.id}-optimizer`, value: name});
      input.addEventListener("change", () => this.optimizerChanged());
      const text = el("span");
      label.append(input, text);
      field.append(label);
      return {name, input, text};
    });
    controls.append(field);
    this.panel.append(controls);
    this.budget = el("p", {class: "lx-budget"});
    this.panel.append(this.budget);
    const status = el("div", {class: "lx-status"});
    this.stepText = el("span", {class: "lx-step", "aria-hidden": "true"});
    this.replay = el("button", {type: "button", class: "lx-replay"}, words.replay);
    this.replay.addEventListener("click", () => this.show());
    status.append(this.replay, this.stepText);
    this.panel.append(status);
    this.outcome = el("p", {class: "lx-outcome", "aria-live": "polite", "aria-atomic": "true"});
    this.panel.append(this.outcome);
    this.shownRuns = el("div", {class: "lx-shown"});
    this.panel.append(this.shownRuns);
    // the command line that checks the run is the teacher's: folded away from the students
    const teachers = el("details", {class: "lx-teachers"});
    teachers.append(el("summary", {}, words.teachers));
    this.command = el("p", {class: "lx-command"});
    teachers.append(this.command);
    this.panel.append(teachers);
    this.replaceChildren(box);
    this.choose(0, false);
  }

  slider(parent, name, text) {
    const id = `${this.id}-${name}`;
    const row = el("div", {class: "lx-slider"});
    const label = el("label", {for: id, class: "lx-name"}, text);
    const value = el("output", {class: "lx-value", for: id, "data-name": name});
    const input = el("input", {type: "range", id, min: "0", step: "1", "data-name": name});
    input.addEventListener("input", () => this.changed());
    row.append(label, " = ", value, input);
    parent.append(row);
    return {input, value, row, label};
  }

  choose(index, focus) {
    const tab = this.data.tabs[index];
    this.tab = tab;
    this.tabButtons.forEach((button, i) => {
      button.setAttribute("aria-selected", String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    this.panel.setAttribute("aria-labelledby", this.tabButtons[index].id);
    if (focus) this.tabButtons[index].focus();
    this.formula.textContent = tab.formula;
    this.budget.textContent = tab.stepsLabel;
    this.optimizers.forEach((o) => { o.text.textContent = tab.optimizerLabels[o.name]; });
    const surface = tab.kind === "surface";
    this.startY.row.hidden = !surface;
    this.start.label.textContent = surface ? this.data.words.startX : this.data.words.start;
    this.start.input.max = String((surface ? tab.xs : tab.starts).length - 1);
    if (surface) this.startY.input.max = String(tab.ys.length - 1);
    if (surface) this.drawMap(); else this.drawStatic();
    this.shownRuns.replaceChildren(el("span", {class: "lx-shown-title"}, this.data.words.video));
    this.shownRuns.hidden = tab.shown.length === 0;  // a surface with no run in the video
    for (const run of tab.shown) {
      const button = el("button", {type: "button", class: "lx-run", "data-role": run.role}, run.label);
      button.addEventListener("click", () => this.set(run.optimizer, surface ? run.x : run.start, run.rate, run.y));
      this.shownRuns.append(button);
    }
    const middle = (values) => Math.floor(values.length / 2);
    const first = tab.shown.find((run) => run.role === "from_right" || run.role === "slope") || tab.shown[0] ||
      {optimizer: "gd", x: 1, y: tab.ys.length - 2, rate: middle(tab.rates.gd)};  // in from a corner
    this.set(first.optimizer, surface ? first.x : first.start, first.rate, first.y);
  }

  set(optimizer, start, rate, startY = 0) {
    this.optimizers.forEach((o) => { o.input.checked = o.name === optimizer; });
    this.fillRates(optimizer, rate);
    this.start.input.value = String(start);
    this.startY.input.value = String(startY);
    this.changed();
  }

  fillRates(optimizer, index) {
    const rates = this.tab.rates[optimizer];
    this.rate.input.max = String(rates.length - 1);
    this.rate.input.value = String(Math.min(index, rates.length - 1));
  }

  optimizerChanged() {
    // Adam's rates are its own: keep the rate's place on the slider only between plain descent and momentum
    const optimizer = this.current().optimizer;
    const before = this.rateOptimizer;
    const value = before ? this.tab.rates[before][Number(this.rate.input.value)] : undefined;
    const rates = this.tab.rates[optimizer];
    let index = rates.indexOf(value);
    if (index < 0) index = Math.floor(rates.length / 2);
    this.fillRates(optimizer, index);
    this.changed();
  }

  current() {
    const checked = this.optimizers.find((o) => o.input.checked);
    return {optimizer: checked ? checked.name : "gd", start: Number(this.start.input.value),
            startY: Number(this.startY.input.value), rate: Number(this.rate.input.value)};
  }

  label(slider, text) {
    slider.value.textContent = text;
    slider.input.setAttribute("aria-valuetext", text);
  }

  changed() {
    const {optimizer, start, startY, rate} = this.current();
    this.rateOptimizer = optimizer;
    const tab = this.tab, surface = tab.kind === "surface";
    this.label(this.start, surface ? tab.xLabels[start] : tab.startLabels[start]);
    if (surface) this.label(this.startY, tab.yLabels[startY]);
    this.label(this.rate, tab.rateLabels[optimizer][rate]);
    const momentum = optimizer === "momentum" ? ` --momentum ${tab.momentum}` : "";
    const where = surface
      ? `--domain ${tab.box[0][0]} ${tab.box[0][1]} --ydomain ${tab.box[1][0]} ${tab.box[1][1]} --start ${tab.xs[start]} ${tab.ys[startY]}`
      : `--domain ${tab.domain[0]} ${tab.domain[1]} --start ${tab.starts[start]}`;
    const command = `render.py analyze "${tab.function}" ${where} --lr ${tab.rates[optimizer][rate]} ` +
      `--steps ${tab.steps} --optimizer ${optimizer}${momentum} --json`;
    this.command.replaceChildren(el("span", {}, this.data.words.command + " "), el("code", {}, command));
    this.show();
  }

  rowAt(column) {
    /* The ball's row: on the curve, or where f is off the plot, at the edge where the nearest piece left it. */
    const curve = this.tab.curve;
    for (let d = 0; d < curve.length; d++) {
      for (const c of [column - d, column + d]) if (c >= 0 && c < curve.length && curve[c] !== null) return curve[c];
    }
    return 0;
  }

  drawStatic() {
    const tab = this.tab, data = this.data;
    this.plot.replaceChildren();
    this.plot.setAttribute("viewBox", `${-LEFT} ${-PAD} ${data.levels - 1 + LEFT + PAD} ${data.rows - 1 + PAD + BELOW}`);
    this.plot.classList.remove("lx-map");
    this.startMark = null;
    this.plot.setAttribute("aria-label", data.words.plot.replace("{name}", tab.name));
    const bottom = data.rows - 1, right = data.levels - 1;
    for (const [start, end, nameRow] of tab.plateaus) {  // mathcore's plateaus, shaded as the video shades them
      this.plot.append(svg("rect", {class: "lx-plateau", x: start, y: 0, width: Math.max(end - start, 2), height: bottom}));
      if (end - start >= 160) {
        const name = svg("text", {class: "lx-plateau-name", x: (start + end) / 2, y: nameRow, "text-anchor": "middle",
                                  "dominant-baseline": "middle"});
        name.textContent = data.words.plateau;
        this.plot.append(name);
      }
    }
    for (const tick of tab.yTicks) {  // the y-axis: round values at the rows mathcore computed
      this.plot.append(svg("line", {class: "lx-grid", x1: 0, x2: right, y1: tick.row, y2: tick.row}));
      this.plot.append(svg("line", {class: "lx-axis", x1: -12, x2: 0, y1: tick.row, y2: tick.row}));
      const text = svg("text", {class: "lx-tick", x: -20, y: tick.row, "text-anchor": "end", "dominant-baseline": "middle"});
      text.textContent = tick.label;
      this.plot.append(text);
    }
    this.plot.append(svg("rect", {class: "lx-frame", x: 0, y: 0, width: right, height: bottom}));
    this.plot.append(svg("line", {class: "lx-axis", x1: 0, x2: 0, y1: 0, y2: bottom}));
    for (const pole of tab.poles) {  // a vertical asymptote where f grows without bound
      this.plot.append(svg("line", {class: "lx-asymptote", x1: pole, x2: pole, y1: 0, y2: bottom}));
    }
    let points = "";  // the curve in pieces: it breaks where f is undefined or leaves the plot
    tab.curve.forEach((row, column) => {
      if (row !== null) { points += `${column},${row} `; return; }
      if (points) this.plot.append(svg("polyline", {class: "lx-curve", points}));
      points = "";
    });
    if (points) this.plot.append(svg("polyline", {class: "lx-curve", points}));
    for (const [column, row] of tab.holes) {  // f is undefined there: an open circle at the limit
      this.plot.append(svg("circle", {class: "lx-hole", cx: column, cy: row, r: 10}));
    }
    for (const point of tab.points) {
      this.plot.append(svg("circle", {class: `lx-point lx-${point.kind}`, cx: point.column, cy: point.row, r: 9}));
      const text = svg("text", {class: "lx-label", x: point.column, y: point.kind === "max" ? point.row - 20 : point.row + 40,
                                "text-anchor": point.column < 120 ? "start" : point.column > data.levels - 120 ? "end" : "middle"});
      text.textContent = point.label;
      this.plot.append(text);
    }
    [0, data.levels - 1].forEach((column, i) => {
      const text = svg("text", {class: "lx-tick", x: column, y: bottom + 8, "text-anchor": i ? "end" : "start",
                                "dominant-baseline": "hanging"});
      text.textContent = tab.domainLabels[i];
      this.plot.append(text);
    });
    this.trail = svg("polyline", {class: "lx-trail", points: ""});
    this.ball = svg("circle", {class: "lx-ball", r: 14, cx: 0, cy: 0});
    this.plot.append(this.trail, this.ball);
  }

  drawMap() {
    /* A surface's contour map: mathcore's bands painted in the video's colours, its critical points named, the
       box's ends on the axes; the ball's path goes on top. Every position was computed by mathcore. */
    const tab = this.tab, data = this.data, words = data.words;
    const width = tab.width, height = tab.height, bands = tab.bands;
    this.plot.replaceChildren();
    this.plot.setAttribute("viewBox", `${-LEFT} ${-PAD} ${width - 1 + LEFT + PAD} ${height - 1 + PAD + BELOW}`);
    this.plot.setAttribute("aria-label", words.map);
    this.plot.classList.add("lx-map");
    // the bands as one small picture, a pixel per sample, scaled smoothly (as the video's image is)
    const canvas = document.createElement("canvas");
    canvas.width = bands.columns;
    canvas.height = bands.rows.length;
    const context = canvas.getContext("2d");
    bands.rows.forEach((row, r) => {
      let column = 0;
      for (let i = 0; i < row.length; i += 2) {
        const length = ALPHABET.indexOf(row[i + 1]) + 1;
        context.fillStyle = bands.colours[Number(row[i])];
        context.fillRect(column, r, length, 1);
        column += length;
      }
    });
    this.plot.append(svg("image", {href: canvas.toDataURL("image/png"), x: 0, y: 0, width, height,
                                   preserveAspectRatio: "none", "aria-hidden": "true"}));
    this.plot.append(svg("rect", {class: "lx-frame", x: 0, y: 0, width: width - 1, height: height - 1}));
    const labels = [[0, height + 8, "start", "hanging", tab.boxLabels[0][0]], [width - 1, height + 8, "end", "hanging", tab.boxLabels[0][1]],
                    [-20, height - 1, "end", "auto", tab.boxLabels[1][0]], [-20, 0, "end", "hanging", tab.boxLabels[1][1]],
                    [width / 2, height + 8, "middle", "hanging", "x"], [-20, height / 2, "end", "middle", "y"]];
    for (const [x, y, anchor, baseline, text] of labels) {
      const node = svg("text", {class: "lx-tick", x, y, "text-anchor": anchor, "dominant-baseline": baseline});
      node.textContent = text;
      this.plot.append(node);
    }
    const placed = [];
    for (const point of tab.points) {
      this.plot.append(svg("circle", {class: `lx-point lx-${point.kind}`, cx: point.column, cy: point.row, r: 11}));
      const text = svg("text", {class: "lx-label lx-map-label", x: point.column,
                                "text-anchor": point.column < 160 ? "start" : point.column > width - 160 ? "end" : "middle"});
      text.textContent = `${point.name} ${point.label}`;
      this.plot.append(text);
      // above the point, else below it, else two lines further down: the first place no other name covers
      for (const y of [point.row - 24, point.row + 48, point.row + 84, point.row - 60]) {
        text.setAttribute("y", y);
        const box = text.getBBox();
        if (box.y >= -PAD && box.y + box.height <= height + BELOW && !placed.some((b) => box.x < b.x + b.width &&
            b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height)) break;
      }
      placed.push(text.getBBox());
    }
    this.startMark = svg("circle", {class: "lx-start", r: 16, cx: 0, cy: 0});
    this.trail = svg("polyline", {class: "lx-trail", points: ""});
    this.ball = svg("circle", {class: "lx-ball", r: 14, cx: 0, cy: 0});
    this.plot.append(this.startMark, this.trail, this.ball);
  }

  pick(event) {
    /* A click on the map chooses the lattice start nearest to it (the sliders say which). */
    const tab = this.tab;
    if (!tab || tab.kind !== "surface") return;
    const matrix = this.plot.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const nearest = (values, target) => values.reduce((best, v, i) => (Math.abs(v - target) < Math.abs(values[best] - target) ? i : best), 0);
    this.start.input.value = String(nearest(tab.startColumns, at.x));
    this.startY.input.value = String(nearest(tab.startRows, at.y));
    this.changed();
  }

  show() {
    cancelAnimationFrame(this.frame);
    const {optimizer, start, startY, rate} = this.current();
    const tab = this.tab, runs = tab.runs[optimizer], surface = tab.kind === "surface";
    const index = surface ? (rate * tab.ys.length + startY) * tab.xs.length + start : rate * tab.starts.length + start;
    const columns = decode(runs.path[index]);
    const rows = surface ? decode(runs.pathY[index]) : columns.map((c) => this.rowAt(c));
    const outcome = this.data.outcomes[Number(runs.outcome[index])];
    const sentence = tab.sentences[runs.say[index]];
    const words = this.data.words;
    this.dataset.state = "running";
    this.outcome.textContent = "";
    const place = (k) => {
      this.ball.setAttribute("cx", columns[k]);
      this.ball.setAttribute("cy", rows[k]);
      this.trail.setAttribute("points", columns.slice(0, k + 1).map((c, i) => `${c},${rows[i]}`).join(" "));
      this.stepText.textContent = words.step.replace("{k}", String(k));
    };
    const finish = () => {
      place(columns.length - 1);
      this.stepText.textContent = "";  // the sentence says the count (mathcore's nit)
      this.outcome.textContent = sentence;
      this.outcome.dataset.outcome = outcome;
      this.outcome.dataset.nit = String(runs.nit[index]);
      this.ball.classList.toggle("lx-gone", outcome === "diverged");
      this.dataset.state = "done";
    };
    this.ball.classList.remove("lx-gone");
    if (this.startMark) { this.startMark.setAttribute("cx", columns[0]); this.startMark.setAttribute("cy", rows[0]); }
    if (matchMedia("(prefers-reduced-motion: reduce)").matches || columns.length < 2) { finish(); return; }
    const each = Math.max(8, Math.min(60, 2400 / columns.length));
    const began = performance.now();
    const tick = (now) => {
      const k = Math.max(0, Math.floor((now - began) / each));  // a frame's time may precede `began`
      if (k >= columns.length - 1) { finish(); return; }
      place(k);
      this.frame = requestAnimationFrame(tick);
    };
    place(0);
    this.frame = requestAnimationFrame(tick);
  }
}

if (!customElements.get("lesson-explorable")) customElements.define("lesson-explorable", LessonExplorable);
