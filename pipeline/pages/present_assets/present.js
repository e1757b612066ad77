// Classroom mode (pipeline/present.py): the lesson's clips as a presentation that stops at every beat.
// The beats are the scene's own, in frames (the manifest's `beats`); a beat's playback is paused a few
// frames before its end and the clip then seeked to its last frame, `end - 1`: the stop is exact by
// construction, never found by watching `timeupdate`. No maths here, nothing fetched but the clips.
// A clip must be seekable to every frame before the page stops on one: a server that ignores Range requests
// (Python's http.server) gives a clip that cannot seek (`seekable` is empty or [0, 0]), and every stop would
// land on frame 0. Such a clip is fetched whole and played from memory (a blob), where it can seek; one that
// cannot be made seekable is said on the indicator, and the page does not claim to stop anywhere.
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('present-data').textContent);
  const words = data.words[data.language] || data.words.en;
  const sections = data.sections;
  const stage = document.getElementById('stage');
  const captionBox = document.getElementById('captions');
  const blank = document.getElementById('blank');
  const indicator = document.getElementById('indicator');
  const hint = document.getElementById('hint');
  const query = new URLSearchParams(location.search);
  const rate = Math.min(16, Math.max(0.25, Number(query.get('rate')) || 1));  // a rehearsal (or a test) may speed up
  const modes = [data.language, ...['vi', 'en'].filter((l) => l !== data.language), 'off'];
  const FRAME_EPS = 1e-4;

  const state = {sec: 0, beat: 0, phase: 'start', busy: true, blank: false, captions: modes[0], frame: -1};
  const log = {presented: [], crossings: 0, sources: sections.map(() => '')};  // read by the tests
  const shown = sections.map(() => -1);  // the frame each clip shows now
  let play = null;  // the beat playing: {token, sec, beat, end, step}
  let token = 0;
  let queue = Promise.resolve();
  let resume = false;
  const waiting = sections.map(() => null);  // resolves when the clip has shown the frame a seek asked for
  const seekableClips = sections.map(() => null);  // per clip: resolves once it can seek to its last frame
  window.lessonPresent = {state, log, shown, sections};

  if (!sections.length) {
    indicator.textContent = words.empty;
    return;
  }

  const videos = sections.map((s, i) => {
    const v = document.createElement('video');
    v.preload = i < 2 ? 'auto' : 'metadata';
    v.playsInline = true;
    v.hidden = i !== 0;
    v.setAttribute('aria-label', s.title[data.language]);
    v.src = s.src;
    stage.appendChild(v);
    watchFrames(i, v);
    v.addEventListener('ended', () => { if (play && play.sec === i) stop(play); });
    v.addEventListener('seeked', () => { if (i === state.sec) drawCaptions(v.currentTime); });
    return v;
  });

  function frameOf(s, t) { return Math.floor(t * s.fps + FRAME_EPS); }
  function timeOf(s, frame) { return (frame + 0.5) / s.fps; }  // the middle of the frame: that frame shows

  function watchFrames(i, v) {
    if ('requestVideoFrameCallback' in HTMLVideoElement.prototype) {
      const seen = (now, meta) => { presented(i, meta.mediaTime); v.requestVideoFrameCallback(seen); };
      v.requestVideoFrameCallback(seen);
    } else {  // no frame callbacks: follow the clock on every animation frame (the same stop, a looser margin)
      const poll = () => { if (!v.paused || v.seeking) presented(i, v.currentTime); requestAnimationFrame(poll); };
      requestAnimationFrame(poll);
    }
  }

  function presented(i, t) {
    const s = sections[i];
    const frame = frameOf(s, t);
    const previous = shown[i];
    shown[i] = frame;
    if (waiting[i]) waiting[i](frame);
    if (i === state.sec) drawCaptions(t);
    if (!play || play.sec !== i) return;
    log.presented.push([i, play.beat, frame]);
    if (frame >= play.end) log.crossings += 1;
    if (previous >= 0 && frame > previous) play.step = Math.max(play.step, frame - previous);
    if (frame + 3 * play.step >= play.end - 1) stop(play);  // pause early enough, then land on the last frame
  }

  function metadata(v) {  // its length and size known: a seek loads the frame it needs
    if (v.readyState >= 1) return Promise.resolve();
    return new Promise((resolve, reject) => {
      v.addEventListener('loadedmetadata', () => resolve(), {once: true});
      v.addEventListener('error', () => reject(new Error(`${v.getAttribute('aria-label')}: the clip cannot be loaded`)),
                         {once: true});
    });
  }

  function seeksEverywhere(v, s) {
    const range = v.seekable;
    return range.length > 0 && range.start(0) <= 0 && range.end(range.length - 1) >= (s.frames - 1) / s.fps;
  }

  function ready(i) {  // resolves once clip i can seek to each of its frames: streamed, or fetched whole as a blob
    if (!seekableClips[i]) {
      seekableClips[i] = (async () => {
        const v = videos[i], s = sections[i];
        await metadata(v);
        if (seeksEverywhere(v, s)) { log.sources[i] = 'stream'; return; }
        const response = await fetch(s.src);
        if (!response.ok) throw new Error(`${s.src}: HTTP ${response.status}`);
        v.src = URL.createObjectURL(await response.blob());
        await metadata(v);
        if (!seeksEverywhere(v, s)) throw new Error(`${s.src}: the clip cannot seek, so no beat can be shown exactly`);
        log.sources[i] = 'blob';
      })();
      seekableClips[i].catch(() => { seekableClips[i] = null; });  // a later key press tries again
    }
    return seekableClips[i];
  }

  function seek(v, t) {  // resolves once the frame at `t` is on screen (a frame callback), or soon after 'seeked'
    const i = videos.indexOf(v);
    const s = sections[i];
    return new Promise((resolve) => {
      const done = () => { waiting[i] = null; clearTimeout(timer); resolve(); };
      let timer = null;
      waiting[i] = (frame) => { if (frame === frameOf(s, t)) done(); };
      v.addEventListener('seeked', () => {
        if (shown[i] === frameOf(s, t)) done();
        else timer = setTimeout(done, 400);  // a frame callback may not come for a paused seek
      }, {once: true});
      v.currentTime = t;
    });
  }

  function show(sec) {
    videos[sec].preload = 'auto';
    videos.forEach((v, k) => {
      v.hidden = k !== sec;
      if (k !== sec && !v.paused) v.pause();
    });
    if (videos[sec + 1]) {
      videos[sec + 1].preload = 'auto';
      ready(sec + 1).catch(() => {});  // the next clip made seekable while this one plays
    }
  }

  async function land(sec, beat, phase) {
    // Show a beat's first frame (phase 'start') or its last ('end'), paused.
    token += 1;
    play = null;
    const s = sections[sec];
    const v = videos[sec];
    state.busy = true;
    v.pause();
    state.sec = sec; state.beat = beat; state.phase = phase;
    show(sec);
    update();
    await ready(sec);
    const [start, end] = s.beats[beat];
    const frame = phase === 'start' ? start : end - 1;
    await seek(v, timeOf(s, frame));
    state.frame = landedOn(s, v, frame);
    drawCaptions(v.currentTime);
    state.busy = false;
    update();
  }

  function landedOn(s, v, frame) {  // the frame the clip shows after a seek: the one asked for, or the page says so
    const now = frameOf(s, v.currentTime);
    if (now !== frame) throw new Error(`${s.title[data.language]}: asked for frame ${frame}, the clip shows ${now}`);
    return now;
  }

  async function playBeat() {
    const s = sections[state.sec];
    const v = videos[state.sec];
    token += 1;
    const [, end] = s.beats[state.beat];
    play = {token, sec: state.sec, beat: state.beat, end, step: Math.ceil(rate * s.fps / 60)};
    state.phase = 'playing';
    update();
    v.playbackRate = rate;
    if (state.blank) { resume = true; return; }
    try {
      await v.play();
    } catch (problem) {
      indicator.textContent = String(problem && problem.message || problem);
    }
  }

  async function stop(current) {
    if (play !== current) return;
    play = null;
    const s = sections[current.sec];
    const v = videos[current.sec];
    state.busy = true;
    v.pause();
    await seek(v, timeOf(s, current.end - 1));
    if (token !== current.token) return;
    try {
      state.frame = landedOn(s, v, current.end - 1);
    } catch (problem) {
      indicator.textContent = problem.message;
      return;  // busy: no beat is claimed as shown
    }
    state.phase = 'end';
    drawCaptions(v.currentTime);
    state.busy = false;
    update();
  }

  function next() {
    if (state.phase === 'playing') return play ? stop(play) : undefined;  // a press while it plays: to its end
    if (state.phase === 'start') return playBeat();
    if (state.beat + 1 < sections[state.sec].beats.length) {
      state.beat += 1;
      return playBeat();
    }
    if (state.sec + 1 < sections.length) return land(state.sec + 1, 0, 'start').then(playBeat);
    return undefined;
  }

  function back() {
    if (state.beat > 0) return land(state.sec, state.beat - 1, 'start');
    if (state.sec > 0) return land(state.sec - 1, sections[state.sec - 1].beats.length - 1, 'start');
    return land(0, 0, 'start');
  }

  function toggleBlank() {
    state.blank = !state.blank;
    blank.hidden = !state.blank;
    const v = videos[state.sec];
    if (state.blank && play) {
      resume = true;
      v.pause();
    } else if (!state.blank && resume) {
      resume = false;
      if (play) v.play();
    }
    drawCaptions(v.currentTime);
    update();
  }

  function cycleCaptions() {
    state.captions = modes[(modes.indexOf(state.captions) + 1) % modes.length];
    drawCaptions(videos[state.sec].currentTime);
    flash(words.captions[state.captions]);
  }

  function toggleFullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }

  function drawCaptions(t) {
    const cues = sections[state.sec].cues;
    const cue = state.captions === 'off' || state.blank ? null : cues.find((c) => c.s <= t + FRAME_EPS && t < c.e);
    const key = cue ? `${cue.id}:${state.captions}` : '';
    if (captionBox.dataset.key === key) return;
    captionBox.dataset.key = key;
    captionBox.lang = cue ? state.captions : '';
    captionBox.replaceChildren();
    if (!cue) return;
    const p = document.createElement('p');
    cue.t[state.captions].forEach((line, k) => {
      if (k) p.appendChild(document.createElement('br'));
      p.appendChild(document.createTextNode(line));
    });
    captionBox.appendChild(p);
  }

  let flashing = null;
  function flash(text) {
    indicator.textContent = text;
    clearTimeout(flashing);
    flashing = setTimeout(() => { flashing = null; update(); }, 1500);
    wake();
  }

  function update() {
    const s = sections[state.sec];
    indicator.title = s.title[data.language];
    if (!flashing) indicator.textContent = `${s.number} · ${state.beat + 1}/${s.beats.length}`;
    document.title = `${s.title[data.language]} · ${words.title}`;
  }

  let idle = null;
  function wake() {
    document.body.classList.remove('idle');
    clearTimeout(idle);
    if (document.fullscreenElement) idle = setTimeout(() => document.body.classList.add('idle'), 2000);
  }
  document.addEventListener('mousemove', wake);
  document.addEventListener('fullscreenchange', wake);

  const ACTIONS = {
    ' ': next, ArrowRight: next, PageDown: next, ArrowLeft: back, PageUp: back,
    Home: () => land(0, 0, 'start'),
    End: () => land(sections.length - 1, sections[sections.length - 1].beats.length - 1, 'start'),
  };

  function act(action) {
    hint.classList.add('gone');
    queue = queue.then(action).catch((problem) => { indicator.textContent = String(problem); });
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const key = event.key;
    let action = ACTIONS[key];
    if (!action && /^[1-9]$/.test(key)) {
      const sec = sections.findIndex((s) => s.number === Number(key));
      if (sec >= 0) action = () => land(sec, 0, 'start');
    }
    if (!action && (key === 'b' || key === 'B' || key === '.')) action = toggleBlank;
    if (!action && (key === 'f' || key === 'F')) action = toggleFullScreen;
    if (!action && (key === 'c' || key === 'C')) action = cycleCaptions;
    if (!action) return;
    event.preventDefault();
    if (event.repeat && action === next) return;  // a held key is one press
    act(action);
  });
  stage.addEventListener('click', () => act(next));

  act(() => land(0, 0, 'start'));
})();
