/**
 * The explorer page's script, run in the browser from the report file itself (no network). It reads
 * the trace embedded in the page (the JSON Lines file as written) and draws it. It is kept as a string
 * so that the report works the same from the sources under test and from dist/ after a build; it is
 * written without template literals, so that it can sit inside this one.
 *
 * Large runs stay fast because nothing is drawn outside the visible time window (records are in time
 * order, so the window is found by binary search), markers closer than a pixel on one lane are drawn
 * once, and above a bound only every k-th message arrow is drawn. The state at an instant (roles,
 * terms, commit indexes, logs) is rebuilt from the nearest checkpoint taken every CHECKPOINT records.
 */
export const EXPLORER_SCRIPT = String.raw`
(function () {
  'use strict';
  var CHECKPOINT = 2048;
  var ARROW_LIMIT = 2500;
  var LOG_COLUMNS = 32;
  var ROLE_COLOUR = { follower: '#a9c1e0', precandidate: '#f2dc8d', candidate: '#f1a340', leader: '#4caf64' };
  var ROLE_GLYPH = { follower: '\u00b7', precandidate: '\u00bf', candidate: '?', leader: '\u2605' };

  function byId(id) { return document.getElementById(id); }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function formatTime(us) { return (us / 1e6).toFixed(6) + ' s'; }
  function formatShortTime(us) {
    var ms = us / 1000;
    return ms >= 1000 ? (ms / 1000).toFixed(3) + 's' : ms.toFixed(ms < 10 ? 2 : 1) + 'ms';
  }

  // ---- The trace --------------------------------------------------------------------------------
  var lines = byId('trace-data').textContent.split('\n').filter(function (line) { return line.length > 0; });
  var header = JSON.parse(lines[0]);
  var trailer = JSON.parse(lines[lines.length - 1]);
  var count = lines.length - 2;
  var KIND = {};
  header.kinds.forEach(function (name, code) { KIND[name] = code; });
  var T = new Float64Array(count);
  var K = new Int32Array(count);
  var NODE = new Int32Array(count);
  var PEER = new Int32Array(count);
  var A = new Float64Array(count);
  var B = new Float64Array(count);
  var REF = new Int32Array(count).fill(-1);
  var DETAIL = new Array(count);
  for (var line = 0; line < count; line++) {
    var record = JSON.parse(lines[line + 1]);
    T[line] = record.t;
    K[line] = KIND[record.kind];
    NODE[line] = record.node;
    PEER[line] = record.peer;
    A[line] = record.a;
    B[line] = record.b;
    if (record.ref !== undefined) REF[line] = record.ref;
    DETAIL[line] = record.message !== undefined ? record.message : record.detail !== undefined ? record.detail : null;
  }
  lines = null;
  var nodeCount = header.nodes;
  // Servers outside the first configuration are spares: not running until a membership change adds them.
  var cluster = header.scenario && header.scenario.cluster ? header.scenario.cluster : {};
  var initialMembers = [];
  for (var member = 1; member <= nodeCount; member++) {
    if (!Array.isArray(cluster.members) || cluster.members.indexOf(member) >= 0) initialMembers.push(member);
  }
  function isInitialMember(node) { return initialMembers.indexOf(node) >= 0; }
  var endUs = Math.max(trailer.virtualMs * 1000, count > 0 ? T[count - 1] : 0, 1);

  function kindName(index) { return header.kinds[K[index]]; }
  function messageOf(index) { return REF[index] >= 0 ? DETAIL[REF[index]] : DETAIL[index]; }
  function isMessageRecord(index) {
    var message = messageOf(index);
    return message !== null && typeof message === 'object' && !Array.isArray(message) && typeof message.type === 'string' &&
      header.messageTypes[A[index]] === message.type && message.from === NODE[index];
  }

  /** The last record at or before a time, or -1. */
  function lastAtOrBefore(timeUs) {
    var low = 0, high = count - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (T[middle] <= timeUs) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }
  function firstAtOrAfter(timeUs) {
    var low = 0, high = count - 1, found = count;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (T[middle] >= timeUs) { found = middle; high = middle - 1; } else low = middle + 1;
    }
    return found;
  }

  // Records a person steps through: everything but the clock's ticks.
  var stepList = [];
  for (var index = 0; index < count; index++) if (K[index] !== KIND.tick) stepList.push(index);
  var STEPS = Int32Array.from(stepList);
  stepList = null;
  function stepPosition(recordIndex) {
    var low = 0, high = STEPS.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (STEPS[middle] <= recordIndex) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }

  // ---- Describing a record ----------------------------------------------------------------------
  function describeMessage(message) {
    var text = message.type + ' ' + message.from + '\u2192' + message.to + ' t' + message.term;
    if (message.entries !== undefined) text += ' prev ' + message.prevLogIndex + '/' + message.prevLogTerm + ', ' + message.entries.length + ' entries, commit ' + message.leaderCommit;
    if (message.snapshot !== undefined && message.snapshot !== null) {
      text += ' snapshot \u2264 ' + message.snapshot.lastIndex + ' (term ' + message.snapshot.lastTerm + ')';
      if (Array.isArray(message.snapshot.members)) text += ', members ' + describeMembers(message.snapshot.members.join(','));
    }
    if (message.voteGranted !== undefined) text += message.voteGranted ? ' granted' : ' refused';
    if (message.success !== undefined) text += message.success ? ' ok, match ' + message.matchIndex : ' refused';
    if (message.round !== undefined) text += ', round ' + message.round;
    if (message.preVote) text += ' (pre-vote)';
    return text;
  }
  /** A configuration, from the member ids joined by commas (a config entry's command): "{1,2,3}". */
  function describeMembers(command) { return '{' + String(command) + '}'; }
  function describeMembershipChange(index) {
    var detail = DETAIL[index] || {};
    var change = (B[index] === 1 ? 'add' : 'remove') + ' n' + PEER[index];
    if (A[index] > 0) return 'n' + NODE[index] + ' (leader) proposed to ' + change + ': configuration entry at index ' + A[index];
    return 'n' + NODE[index] + ' refused to ' + change + (detail.refused !== undefined ? ' (' + detail.refused + ')' : '');
  }
  function describeDetail(detail) {
    if (detail === null || detail === undefined) return '';
    if (typeof detail !== 'object') return String(detail);
    if (detail.type !== undefined && typeof detail.type === 'string') {
      var rest = Object.keys(detail).filter(function (key) { return key !== 'type'; }).map(function (key) { return key + ' ' + JSON.stringify(detail[key]); });
      return detail.type + (rest.length > 0 ? ' (' + rest.join(', ') + ')' : '');
    }
    return JSON.stringify(detail);
  }
  function describe(index) {
    var name = kindName(index);
    var who = NODE[index] > 0 ? 'n' + NODE[index] : 'cluster';
    if (isMessageRecord(index)) {
      var message = messageOf(index);
      var text = name + ' ' + describeMessage(message);
      if (name === 'drop') {
        var reason = header.dropReasons[B[index] - message.term * 8];
        text += ' (' + (reason !== undefined ? reason : 'reason ' + (B[index] - message.term * 8)) + ')';
      }
      return text;
    }
    switch (name) {
      case 'roleChange': return who + ' became ' + header.roles[A[index]] + ' in term ' + B[index] + (PEER[index] > 0 && PEER[index] !== NODE[index] ? ' (leader n' + PEER[index] + ')' : '');
      case 'termChange': return who + ' term ' + B[index] + ' \u2192 ' + A[index];
      case 'logWrite': return who + ' wrote ' + B[index] + ' entries from index ' + A[index];
      case 'commit': return who + ' commit index ' + B[index] + ' \u2192 ' + A[index];
      case 'apply': return who + ' applied ' + B[index] + ' entries from index ' + A[index];
      case 'propose': return who + ' proposal ' + (B[index] === 1 ? 'accepted at index ' + A[index] : 'refused') + ' ' + describeDetail(DETAIL[index]);
      case 'crash': return who + ' crashed';
      case 'restart': return who + ' restarted';
      case 'pause': return who + ' paused';
      case 'resume': return who + ' resumed';
      case 'voteGranted': return who + ' granted its vote to n' + PEER[index];
      case 'violation': return 'VIOLATION ' + DETAIL[index].checker + ': ' + DETAIL[index].message;
      case 'settle': return 'faults stop: the cluster must converge';
      case 'compact': return who + ' compacted its log into a snapshot \u2264 ' + A[index] + ' (term ' + B[index] + ')';
      case 'installSnapshot': return who + ' installed the leader\u2019s snapshot \u2264 ' + A[index] + ' (term ' + B[index] + ') in place of its log';
      case 'membershipChange': return describeMembershipChange(index);
      case 'retire':
        return A[index] === 0 ? who + ' retired: removed from the configuration and shut down for good'
          : who + ' switched off: its add was never committed; a spare until added again';
      case 'read': return 'read #' + A[index] + ' asked of ' + who + (B[index] === 1 ? ': taken' : ': not taken');
      case 'readAnswer': return who + ' answered read #' + A[index] + ' with its state machine at index ' + B[index];
      default:
        return name + ' ' + who + (PEER[index] > 0 ? ' peer n' + PEER[index] : '') + ' a=' + A[index] + ' b=' + B[index] + (DETAIL[index] !== null ? ' ' + describeDetail(DETAIL[index]) : '');
    }
  }

  // ---- Intervals: roles and terms, crashes, pauses, network faults -------------------------------
  var bands = [];      // { node, from, to, role, term }
  var downs = [];      // { node, from, to, kind: 'crashed' | 'paused' | 'retired' | 'spare' }
  var faults = [];     // { from, to, label }
  var arrows = [];     // record indexes of deliveries and drops, sorted by the time of their sending
  var violations = [];
  (function buildIntervals() {
    var open = [];
    var downOpen = [];
    var faultOpen = null;
    for (var node = 1; node <= nodeCount; node++) {
      var member = isInitialMember(node);
      open[node] = member ? { node: node, from: 0, to: endUs, role: 'follower', term: 0 } : null;
      downOpen[node] = member ? null : { node: node, from: 0, to: endUs, kind: 'spare' };
    }
    function closeDown(node, at) {
      if (downOpen[node] === null) return;
      downOpen[node].to = at;
      if (at > downOpen[node].from) downs.push(downOpen[node]);
      downOpen[node] = null;
    }
    function closeBand(node, at) {
      var band = open[node];
      if (band !== null && band !== undefined) { band.to = at; if (band.to > band.from) bands.push(band); }
      open[node] = null;
    }
    function openBand(node, at, role, term) { closeBand(node, at); open[node] = { node: node, from: at, to: endUs, role: role, term: term }; }
    var terms = [];
    var roles = [];
    for (var i = 0; i < count; i++) {
      var name = kindName(i), node = NODE[i], at = T[i];
      if (node > nodeCount) continue;
      switch (name) {
        case 'roleChange': roles[node] = header.roles[A[i]]; terms[node] = B[i]; if (downOpen[node] === null) openBand(node, at, roles[node], B[i]); break;
        case 'termChange':
          terms[node] = A[i];
          if (open[node] !== null && open[node] !== undefined && open[node].term !== A[i]) openBand(node, at, open[node].role, A[i]);
          break;
        case 'crash': closeBand(node, at); closeDown(node, at); roles[node] = 'follower'; downOpen[node] = { node: node, from: at, to: endUs, kind: 'crashed' }; break;
        case 'restart':
          closeDown(node, at);
          openBand(node, at, 'follower', terms[node] || 0);
          break;
        case 'retire':
          // A retired server is gone for good; one switched off is a spare again until it is added.
          closeBand(node, at);
          closeDown(node, at);
          roles[node] = 'follower';
          downOpen[node] = { node: node, from: at, to: endUs, kind: A[i] === 0 ? 'retired' : 'spare' };
          break;
        case 'pause': downOpen[node] = { node: node, from: at, to: endUs, kind: 'paused' }; break;
        case 'resume': closeDown(node, at); break;
        case 'partition': case 'cut':
          if (faultOpen !== null) { faultOpen.to = at; faults.push(faultOpen); }
          faultOpen = { from: at, to: endUs, label: describeDetail(DETAIL[i]) };
          break;
        case 'heal': case 'settle':
          if (faultOpen !== null) { faultOpen.to = at; faults.push(faultOpen); faultOpen = null; }
          break;
        case 'violation': violations.push(i); break;
        default:
          if ((name === 'deliver' || name === 'drop') && REF[i] >= 0) arrows.push(i);
      }
    }
    for (var n = 1; n <= nodeCount; n++) { closeBand(n, endUs); if (downOpen[n] !== null) downs.push(downOpen[n]); }
    if (faultOpen !== null) faults.push(faultOpen);
    arrows.sort(function (x, y) { return REF[x] - REF[y] || x - y; });
  })();
  var ARROWS = Int32Array.from(arrows);
  arrows = null;
  var longestFlight = 0;
  for (var arrow = 0; arrow < ARROWS.length; arrow++) longestFlight = Math.max(longestFlight, T[ARROWS[arrow]] - T[REF[ARROWS[arrow]]]);

  // ---- The state at an instant, from checkpoints -------------------------------------------------
  // A node's log holds every entry, the compacted ones too (an installed snapshot is followed by a
  // logWrite that writes its prefix); snapshot is the index its log is compacted through.
  function freshState() {
    var nodes = [];
    for (var node = 1; node <= nodeCount; node++) {
      nodes[node] = { role: 'follower', term: 0, commit: 0, status: isInitialMember(node) ? 'up' : 'spare', leader: 0, snapshot: 0, snapshotTerm: 0, log: [] };
    }
    return nodes;
  }
  function copyState(state) {
    return state.map(function (node) {
      return node === undefined ? undefined : {
        role: node.role, term: node.term, commit: node.commit, status: node.status, leader: node.leader,
        snapshot: node.snapshot, snapshotTerm: node.snapshotTerm, log: node.log.slice()
      };
    });
  }
  function applyRecord(state, i) {
    var node = state[NODE[i]];
    if (node === undefined) return;
    switch (kindName(i)) {
      case 'roleChange': node.role = header.roles[A[i]]; node.term = B[i]; node.leader = PEER[i]; break;
      case 'termChange': node.term = A[i]; break;
      case 'logWrite': {
        var entries = DETAIL[i] || [];
        node.log.length = Math.min(node.log.length, A[i] - 1);
        for (var e = 0; e < entries.length; e++) node.log.push(entries[e]);
        break;
      }
      case 'commit': node.commit = A[i]; break;
      case 'crash': node.status = 'crashed'; node.role = 'follower'; node.commit = 0; node.leader = 0; break;
      case 'restart': node.status = 'up'; break;
      case 'compact': case 'installSnapshot': node.snapshot = A[i]; node.snapshotTerm = B[i]; break;
      case 'retire':
        node.status = A[i] === 0 ? 'retired' : 'spare'; node.role = 'follower'; node.commit = 0; node.leader = 0;
        // A retired server's disk is wiped; a switched-off one keeps it for when it is added again.
        if (A[i] === 0) { node.snapshot = 0; node.snapshotTerm = 0; node.log = []; }
        break;
      case 'pause': node.status = 'paused'; break;
      case 'resume': node.status = 'up'; break;
    }
  }
  var checkpoints = [];
  (function buildCheckpoints() {
    var state = freshState();
    for (var i = 0; i < count; i++) {
      if (i % CHECKPOINT === 0) checkpoints.push(copyState(state));
      applyRecord(state, i);
    }
  })();
  /** The state just after a record (before any record for -1). */
  function stateAfter(index) {
    if (index < 0 || checkpoints.length === 0) return freshState();
    var base = Math.floor(index / CHECKPOINT);
    var state = copyState(checkpoints[base]);
    for (var i = base * CHECKPOINT; i <= index; i++) applyRecord(state, i);
    return state;
  }

  // ---- The page: summary, violations --------------------------------------------------------------
  var scenarioName = header.scenario && header.scenario.name ? header.scenario.name : 'run';
  byId('title').textContent = 'raftsim \u00b7 ' + scenarioName + ' \u00b7 seed ' + header.seed;
  var outcome = byId('outcome');
  outcome.textContent = trailer.passed ? 'all checks held' : 'a check failed';
  outcome.className = trailer.passed ? 'badge passed' : 'badge failed';
  byId('replay').textContent = header.replay;

  (function renderSummary() {
    var list = byId('summary');
    function add(label, value) {
      list.appendChild(element('dt', '', label));
      list.appendChild(element('dd', '', value));
    }
    add('nodes', nodeCount);
    add('implementation', header.implementation);
    add('virtual time', formatShortTime(trailer.virtualMs * 1000));
    add('events', trailer.events);
    add('trace records', trailer.records);
    add('outcome', trailer.outcome);
    add('trace hash', trailer.traceHash);
    add('raftsim', header.raftsim);
    Object.keys(trailer.stats).forEach(function (key) {
      var value = trailer.stats[key];
      if (value !== null && typeof value === 'object') {
        Object.keys(value).forEach(function (inner) {
          var number = value[inner];
          add(key + ' ' + inner, typeof number === 'number' && !Number.isInteger(number) ? number.toFixed(2) : JSON.stringify(number));
        });
      } else add(key, value === null ? '\u2013' : value);
    });
    var outcomes = byId('expectations');
    (trailer.expectations || []).forEach(function (item) {
      outcomes.appendChild(element('li', item.passed ? 'passed' : 'failed', (item.passed ? '\u2713 ' : '\u2717 ') + item.expectation + ': ' + item.detail));
    });
    (trailer.failures || []).forEach(function (item) {
      if (item.kind === 'violation') return;
      outcomes.appendChild(element('li', 'failed', '\u2717 ' + item.kind + ': ' + item.message));
    });
  })();

  (function renderViolations() {
    var box = byId('violations');
    if (violations.length === 0) { box.hidden = true; return; }
    var list = byId('violation-list');
    violations.forEach(function (recordIndex) {
      var item = element('li', 'violation');
      item.appendChild(element('strong', '', DETAIL[recordIndex].checker));
      item.appendChild(document.createTextNode(' at ' + formatTime(T[recordIndex]) + ': ' + DETAIL[recordIndex].message + ' '));
      var button = element('button', 'jump-violation', 'jump to it');
      button.addEventListener('click', function () {
        select(recordIndex);
        var span = Math.max(2000, Math.min(endUs, 400000));
        setView(T[recordIndex] - span * 0.7, T[recordIndex] + span * 0.3);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  })();

  // ---- Cursor and view ------------------------------------------------------------------------------
  var cursorIndex = -1;
  var cursorTime = 0;
  var selected = -1;
  var viewFrom = 0;
  var viewTo = endUs;
  var slider = byId('time-slider');
  slider.max = String(endUs);
  slider.step = 'any';

  function setView(from, to) {
    var span = Math.max(to - from, 50);
    span = Math.min(span, endUs * 1.02);
    from = Math.max(-endUs * 0.01, Math.min(from, endUs * 1.01 - span));
    viewFrom = from;
    viewTo = from + span;
    requestDraw();
  }
  function keepInView(timeUs) {
    if (timeUs < viewFrom || timeUs > viewTo) {
      var span = viewTo - viewFrom;
      setView(timeUs - span / 2, timeUs + span / 2);
    }
  }
  function moveCursor(index, timeUs) {
    cursorIndex = index;
    cursorTime = timeUs;
    slider.value = String(timeUs);
    keepInView(timeUs);
    renderCursor();
    requestDraw();
  }
  function select(index) {
    selected = index;
    moveCursor(index, T[index]);
    renderDetails();
  }

  slider.addEventListener('input', function () {
    var time = Number(slider.value);
    var index = lastAtOrBefore(time);
    cursorIndex = index;
    cursorTime = time;
    keepInView(time);
    renderCursor();
    requestDraw();
  });
  byId('step-forward').addEventListener('click', function () {
    var position = stepPosition(cursorIndex);
    var next = position + 1 < STEPS.length ? STEPS[position + 1] : STEPS[STEPS.length - 1];
    if (next !== undefined) select(next);
  });
  byId('step-back').addEventListener('click', function () {
    var position = stepPosition(cursorIndex);
    if (position >= 0 && STEPS[position] === cursorIndex) position--;
    if (position >= 0) select(STEPS[position]);
    else { selected = -1; moveCursor(-1, 0); renderDetails(); }
  });
  byId('zoom-in').addEventListener('click', function () { zoomAround(cursorTime, 0.5); });
  byId('zoom-out').addEventListener('click', function () { zoomAround(cursorTime, 2); });
  byId('zoom-fit').addEventListener('click', function () { setView(0, endUs); });
  byId('message-filter').addEventListener('change', requestDraw);
  document.addEventListener('keydown', function (event) {
    if (event.target && (event.target.tagName === 'INPUT' || event.target.tagName === 'SELECT')) return;
    if (event.key === 'ArrowRight') byId('step-forward').click();
    if (event.key === 'ArrowLeft') byId('step-back').click();
  });
  function zoomAround(timeUs, factor) {
    var span = (viewTo - viewFrom) * factor;
    var share = (timeUs - viewFrom) / (viewTo - viewFrom);
    if (!(share >= 0 && share <= 1)) share = 0.5;
    setView(timeUs - span * share, timeUs + span * (1 - share));
  }

  // ---- Cursor-dependent panels: time, nodes, logs, events -----------------------------------------
  var logStart = null;
  byId('log-follow').addEventListener('click', function () { logStart = null; renderCursor(); });
  byId('log-earlier').addEventListener('click', function () { logStart = Math.max(1, shownLogStart - LOG_COLUMNS / 2); renderCursor(); });
  byId('log-later').addEventListener('click', function () { logStart = shownLogStart + LOG_COLUMNS / 2; renderCursor(); });
  var shownLogStart = 1;

  function renderCursor() {
    byId('cursor-time').textContent = formatTime(cursorTime);
    byId('cursor-event').textContent = cursorIndex >= 0 ? '#' + cursorIndex + ' ' + describe(cursorIndex) : 'before the first record';
    var state = stateAfter(cursorIndex);
    renderNodes(state);
    renderLogs(state);
    renderEventList();
  }

  function renderNodes(state) {
    var body = byId('node-rows');
    body.textContent = '';
    for (var node = 1; node <= nodeCount; node++) {
      var s = state[node];
      var row = element('tr', 'node-row role-' + s.role + ' status-' + s.status);
      row.appendChild(element('td', '', 'n' + node));
      var role = element('td', 'role');
      var swatch = element('span', 'swatch');
      swatch.style.background = ROLE_COLOUR[s.role] || '#ccc';
      role.appendChild(swatch);
      role.appendChild(document.createTextNode((ROLE_GLYPH[s.role] || '') + ' ' + s.role));
      row.appendChild(role);
      row.appendChild(element('td', 'term', s.term));
      row.appendChild(element('td', 'commit', s.commit));
      var last = lastIndexOf(s);
      row.appendChild(element('td', 'last', last + (last > s.log.length ? '/' + s.snapshotTerm : s.log.length > 0 ? '/' + s.log[s.log.length - 1].term : '')));
      row.appendChild(element('td', 'snapshot', s.snapshot > 0 ? '\u2264 ' + s.snapshot + '/' + s.snapshotTerm : '\u2013'));
      row.appendChild(element('td', 'members', s.status === 'retired' || s.status === 'spare' ? '\u2013' : describeMembers(configurationOf(s))));
      row.appendChild(element('td', 'status', s.status));
      body.appendChild(row);
    }
  }

  /** A node's last index: its log's, or its snapshot's while an installed snapshot's entries are not yet written. */
  function lastIndexOf(s) { return Math.max(s.log.length, s.snapshot); }
  /** The configuration a node acts on: the last config entry in its log, committed or not (dissertation §4.1). */
  function configurationOf(s) {
    for (var index = s.log.length - 1; index >= 0; index--) if (s.log[index].kind === 'config') return s.log[index].command;
    return initialMembers.join(',');
  }

  function renderLogs(state) {
    var longest = 0;
    for (var node = 1; node <= nodeCount; node++) longest = Math.max(longest, lastIndexOf(state[node]));
    var start = logStart === null ? Math.max(1, longest - LOG_COLUMNS + 1) : Math.max(1, Math.min(logStart, Math.max(1, longest - LOG_COLUMNS + 1)));
    shownLogStart = start;
    var end = Math.max(start, Math.min(longest, start + LOG_COLUMNS - 1));
    var table = byId('logs');
    table.textContent = '';
    var head = element('tr');
    head.appendChild(element('th', '', 'index'));
    for (var index = start; index <= end; index++) head.appendChild(element('th', '', index));
    table.appendChild(head);
    for (node = 1; node <= nodeCount; node++) {
      var s = state[node];
      var row = element('tr', 'log-row status-' + s.status);
      var label = element('th', '', 'n' + node + ' ' + (ROLE_GLYPH[s.role] || ''));
      if (s.status === 'retired' || s.status === 'spare') label.appendChild(element('span', 'log-note', ' ' + s.status));
      else if (s.snapshot > 0 && s.snapshot < start) label.appendChild(element('span', 'log-note', ' snapshot \u2264 ' + s.snapshot));
      row.appendChild(label);
      index = start;
      if (s.snapshot >= start) {
        // The compacted prefix is one cell: its entries live on only as the snapshot's state (§7).
        var through = Math.min(end, s.snapshot);
        var compacted = element('td', 'snapshot', 'snapshot \u2264 ' + s.snapshot);
        compacted.colSpan = through - start + 1;
        compacted.title = 'indexes 1\u2013' + s.snapshot + ' compacted into a snapshot (last term ' + s.snapshotTerm + ')';
        row.appendChild(compacted);
        index = through + 1;
      }
      for (; index <= end; index++) {
        var entry = s.log[index - 1];
        if (entry === undefined) { row.appendChild(element('td', 'empty', '')); continue; }
        var conflict = false;
        for (var other = 1; other <= nodeCount; other++) {
          var theirs = state[other].log[index - 1];
          if (theirs !== undefined && theirs.term !== entry.term) conflict = true;
        }
        var isConfig = entry.kind === 'config';
        var cell = element('td', 'entry' + (index <= s.commit ? ' committed' : '') + (conflict ? ' conflict' : '') + (entry.kind === 'noop' ? ' noop' : '') + (isConfig ? ' config' : ''),
          isConfig ? 'cfg' + describeMembers(entry.command) : entry.term);
        var what = entry.kind === 'noop' ? 'no-op' : isConfig ? 'configuration ' + describeMembers(entry.command) : entry.kind + ' ' + entry.command;
        cell.title = 'index ' + index + ' \u00b7 term ' + entry.term + ' \u00b7 ' + what + (index <= s.commit ? ' \u00b7 committed' : '') + (conflict ? ' \u00b7 conflicts with another node' : '');
        row.appendChild(cell);
      }
      table.appendChild(row);
    }
    byId('log-range').textContent = longest === 0 ? 'every log is empty' : 'indexes ' + start + '\u2013' + end + ' of ' + longest;
  }

  function renderEventList() {
    var list = byId('event-list');
    list.textContent = '';
    var position = stepPosition(cursorIndex);
    var from = Math.max(0, position - 12), to = Math.min(STEPS.length, position + 25);
    for (var p = from; p < to; p++) {
      var recordIndex = STEPS[p];
      var row = element('li', 'event-row kind-' + kindName(recordIndex) + (recordIndex === cursorIndex ? ' current' : ''));
      row.appendChild(element('span', 'event-time', formatShortTime(T[recordIndex])));
      row.appendChild(element('span', 'event-text', describe(recordIndex)));
      row.dataset.index = String(recordIndex);
      list.appendChild(row);
    }
  }
  byId('event-list').addEventListener('click', function (event) {
    var row = event.target.closest('li');
    if (row && row.dataset.index !== undefined) select(Number(row.dataset.index));
  });

  function renderDetails() {
    var box = byId('details');
    if (selected < 0) { box.textContent = 'Click an event on the diagram or in the list to see it here.'; return; }
    var record = { i: selected, t: T[selected], kind: kindName(selected), node: NODE[selected], peer: PEER[selected], a: A[selected], b: B[selected] };
    var text = describe(selected) + '\n\n' + JSON.stringify(record);
    if (isMessageRecord(selected)) {
      var sent = REF[selected] >= 0 ? REF[selected] : selected;
      text += '\nsent at ' + formatTime(T[sent]) + ' (record #' + sent + ')';
      if (sent !== selected) text += ', in flight ' + formatShortTime(T[selected] - T[sent]);
      text += '\n\nmessage ' + JSON.stringify(messageOf(selected), null, 2);
    } else if (DETAIL[selected] !== null) {
      text += '\n\ndetail ' + JSON.stringify(DETAIL[selected], null, 2);
    }
    box.textContent = text;
  }

  // ---- The space-time diagram ---------------------------------------------------------------------
  var canvas = byId('diagram');
  var context = canvas.getContext('2d');
  var GUTTER = 64, TOP = 36, LANE = 34, BOTTOM = 22;
  var width = 800, height = 200, drawPending = false, drawnArrows = 0, totalArrows = 0;

  function laneY(node) { return TOP + (node - 1) * LANE + LANE / 2; }
  function timeX(timeUs) { return GUTTER + (timeUs - viewFrom) / (viewTo - viewFrom) * (width - GUTTER - 8); }
  function xTime(x) { return viewFrom + (x - GUTTER) / (width - GUTTER - 8) * (viewTo - viewFrom); }

  function resize() {
    var ratio = window.devicePixelRatio || 1;
    width = Math.max(320, canvas.parentElement.clientWidth);
    height = TOP + nodeCount * LANE + BOTTOM;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    requestDraw();
  }
  function requestDraw() {
    if (drawPending) return;
    drawPending = true;
    window.requestAnimationFrame(function () { drawPending = false; draw(); });
  }

  function draw() {
    context.clearRect(0, 0, width, height);
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'middle';
    var plotRight = width - 8;
    // Network faults shade every lane for as long as they last.
    faults.forEach(function (fault) {
      if (fault.to < viewFrom || fault.from > viewTo) return;
      var x0 = Math.max(GUTTER, timeX(fault.from)), x1 = Math.min(plotRight, timeX(fault.to));
      context.fillStyle = 'rgba(220, 60, 60, 0.10)';
      context.fillRect(x0, TOP - 14, Math.max(1, x1 - x0), nodeCount * LANE + 14);
      context.fillStyle = '#b03030';
      if (x1 - x0 > 60) context.fillText(fault.label.slice(0, Math.floor((x1 - x0) / 6)), x0 + 3, TOP - 7);
    });
    // Role bands with their terms.
    bands.forEach(function (band) {
      if (band.to < viewFrom || band.from > viewTo) return;
      var x0 = Math.max(GUTTER, timeX(band.from)), x1 = Math.min(plotRight, timeX(band.to));
      var y = laneY(band.node);
      context.fillStyle = ROLE_COLOUR[band.role] || '#ccc';
      context.fillRect(x0, y - 9, Math.max(1, x1 - x0), 18);
      if (x1 - x0 > 26) { context.fillStyle = '#223'; context.fillText('t' + band.term, x0 + 3, y); }
    });
    downs.forEach(function (down) {
      if (down.to < viewFrom || down.from > viewTo) return;
      var x0 = Math.max(GUTTER, timeX(down.from)), x1 = Math.min(plotRight, timeX(down.to));
      var y = laneY(down.node);
      context.fillStyle = DOWN_FILL[down.kind]();
      context.fillRect(x0, y - 12, Math.max(1, x1 - x0), 24);
      if (down.kind === 'spare') { context.strokeStyle = '#9aa3b5'; context.lineWidth = 1; context.setLineDash([4, 3]); context.strokeRect(x0 + 0.5, y - 11.5, Math.max(1, x1 - x0 - 1), 23); context.setLineDash([]); }
      if (x1 - x0 > 50) { context.fillStyle = down.kind === 'crashed' || down.kind === 'paused' ? '#fff' : '#3a4458'; context.fillText(down.kind, x0 + 4, y); }
    });
    drawArrows(plotRight);
    drawMarkers();
    // Lane labels and the time axis.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, GUTTER - 2, height);
    context.fillStyle = '#222';
    context.font = 'bold 12px system-ui, sans-serif';
    for (var node = 1; node <= nodeCount; node++) context.fillText('n' + node, 10, laneY(node));
    context.font = '11px system-ui, sans-serif';
    drawAxis(plotRight);
    // The cursor, and what is selected.
    var cursorX = timeX(cursorTime);
    if (cursorX >= GUTTER && cursorX <= plotRight) {
      context.strokeStyle = '#1060d0';
      context.lineWidth = 1.5;
      context.beginPath(); context.moveTo(cursorX, TOP - 16); context.lineTo(cursorX, height - BOTTOM); context.stroke();
    }
    if (selected >= 0 && NODE[selected] >= 1 && NODE[selected] <= nodeCount) {
      context.strokeStyle = '#1060d0';
      context.lineWidth = 2;
      context.beginPath(); context.arc(timeX(T[selected]), laneY(NODE[selected]), 7, 0, Math.PI * 2); context.stroke();
    }
    violations.forEach(function (recordIndex) {
      var x = timeX(T[recordIndex]);
      if (x < GUTTER || x > plotRight) return;
      context.strokeStyle = '#e00000';
      context.lineWidth = 2.5;
      context.beginPath(); context.moveTo(x, TOP - 16); context.lineTo(x, height - BOTTOM); context.stroke();
      context.fillStyle = '#e00000';
      context.fillText('\u2717 ' + DETAIL[recordIndex].checker, Math.min(x + 4, plotRight - 120), TOP - 24 > 4 ? TOP - 24 : 6);
    });
    byId('diagram-note').textContent = formatShortTime(viewFrom < 0 ? 0 : viewFrom) + ' \u2013 ' + formatShortTime(Math.min(viewTo, endUs)) +
      ' \u00b7 ' + (drawnArrows < totalArrows ? 'showing 1 in ' + Math.ceil(totalArrows / Math.max(drawnArrows, 1)) + ' of ' + totalArrows + ' messages in view; zoom in for all' : totalArrows + ' messages in view');
  }

  // A retired server's lane is hatched from its retirement on: it is gone, not merely down.
  var retiredPattern = null;
  function retiredFill() {
    if (retiredPattern !== null) return retiredPattern;
    var tile = document.createElement('canvas');
    tile.width = 8; tile.height = 8;
    var pen = tile.getContext('2d');
    pen.fillStyle = '#c9cdd6'; pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = '#8a92a3'; pen.lineWidth = 1.5;
    pen.beginPath(); pen.moveTo(0, 8); pen.lineTo(8, 0); pen.moveTo(-2, 2); pen.lineTo(2, -2); pen.moveTo(6, 10); pen.lineTo(10, 6); pen.stroke();
    retiredPattern = context.createPattern(tile, 'repeat') || '#c9cdd6';
    return retiredPattern;
  }
  var DOWN_FILL = {
    crashed: function () { return 'rgba(40, 40, 40, 0.85)'; },
    paused: function () { return 'rgba(120, 120, 120, 0.55)'; },
    retired: retiredFill,
    spare: function () { return '#f1f3f7'; }
  };

  function drawArrows(plotRight) {
    var filter = byId('message-filter').value;
    drawnArrows = 0; totalArrows = 0;
    if (filter === 'none') return;
    // Arrows are sorted by sending time: those in view were sent after viewFrom minus the longest flight.
    var low = 0, high = ARROWS.length;
    var from = viewFrom - longestFlight;
    while (low < high) { var middle = (low + high) >> 1; if (T[REF[ARROWS[middle]]] < from) low = middle + 1; else high = middle; }
    var first = low, last = first;
    while (last < ARROWS.length && T[REF[ARROWS[last]]] <= viewTo) last++;
    var visible = [];
    for (var position = first; position < last; position++) {
      var index = ARROWS[position];
      if (T[index] < viewFrom) continue;
      var message = DETAIL[REF[index]];
      if (filter === 'no-heartbeats' && message.entries !== undefined && message.entries.length === 0) continue;
      visible.push(index);
    }
    totalArrows = visible.length;
    var stride = Math.max(1, Math.ceil(visible.length / ARROW_LIMIT));
    context.lineWidth = 1;
    for (var v = 0; v < visible.length; v++) {
      var record = visible[v];
      var dropped = kindName(record) === 'drop';
      if (v % stride !== 0 && !dropped) continue;
      drawnArrows++;
      var sent = REF[record];
      var message = DETAIL[sent];
      var x0 = timeX(T[sent]), y0 = laneY(NODE[sent]);
      var x1 = timeX(T[record]), y1 = laneY(PEER[record]);
      if (dropped) { y1 = y0 + (y1 - y0) * 0.5; x1 = Math.max(x1, x0 + 4); }
      context.strokeStyle = dropped ? '#d02020' : messageColour(message);
      context.lineWidth = message.type === 'InstallSnapshotRequest' ? 2.5 : 1;
      context.beginPath(); context.moveTo(x0, y0); context.lineTo(x1, y1); context.stroke();
      if (dropped) {
        context.beginPath(); context.moveTo(x1 - 3, y1 - 3); context.lineTo(x1 + 3, y1 + 3); context.moveTo(x1 + 3, y1 - 3); context.lineTo(x1 - 3, y1 + 3); context.stroke();
      } else if (x1 - x0 > 6) {
        var angle = Math.atan2(y1 - y0, x1 - x0);
        context.beginPath();
        context.moveTo(x1, y1);
        context.lineTo(x1 - 6 * Math.cos(angle - 0.4), y1 - 6 * Math.sin(angle - 0.4));
        context.moveTo(x1, y1);
        context.lineTo(x1 - 6 * Math.cos(angle + 0.4), y1 - 6 * Math.sin(angle + 0.4));
        context.stroke();
      }
    }
  }
  // Heartbeats and the replies to appends are most of the traffic, and all of it once the clients stop:
  // muted, but dark enough to stand out on every lane colour (a faint blue vanished on the follower bands).
  var QUIET_ARROW = 'rgba(45, 65, 105, 0.6)';
  function messageColour(message) {
    if (message.type.indexOf('RequestVote') === 0) return message.preVote ? 'rgba(170, 110, 200, 0.8)' : 'rgba(130, 50, 180, 0.85)';
    if (message.type === 'AppendEntriesRequest') return message.entries !== undefined && message.entries.length > 0 ? 'rgba(20, 80, 200, 0.8)' : QUIET_ARROW;
    if (message.type === 'AppendEntriesResponse') return QUIET_ARROW;
    if (message.type.indexOf('TimeoutNow') === 0) return 'rgba(220, 120, 0, 0.9)';
    if (message.type.indexOf('InstallSnapshot') === 0) return 'rgba(0, 140, 140, 0.95)';
    return 'rgba(90, 90, 90, 0.7)';
  }

  var MARK = {
    roleChange: '#000', commit: '#1b8a2e', crash: '#000', restart: '#1060d0', pause: '#555', resume: '#1060d0',
    duplicate: '#d07000', propose: '#777', voteGranted: '#8030b0', logWrite: '#4070c0', termChange: '#a06000',
    compact: '#008c8c', installSnapshot: '#008c8c', membershipChange: '#0a7d3a', retire: '#3a4458',
    // Reads can come by the hundred a second: a faint tick each, above the lane when asked, below when answered.
    read: 'rgba(128, 60, 170, 0.35)', readAnswer: 'rgba(128, 60, 170, 0.35)'
  };
  var REFUSED_MARK = '#c62828';
  var SKIP_MARK = { tick: true, send: true, deliver: true, drop: true, apply: true, violation: true, partition: true, heal: true, cut: true };
  function drawMarkers() {
    var first = firstAtOrAfter(viewFrom), last = lastAtOrBefore(viewTo);
    var lastX = [];
    for (var i = first; i <= last; i++) {
      var name = kindName(i);
      if (SKIP_MARK[name]) continue;
      var node = NODE[i];
      var lane = node >= 1 && node <= nodeCount ? node : 0;
      var x = Math.round(timeX(T[i]));
      var key = lane * 4096 + K[i];
      if (lastX[key] === x) continue;
      lastX[key] = x;
      var y = lane === 0 ? TOP - 7 : laneY(lane);
      context.fillStyle = MARK[name] || '#909090';
      if (name === 'crash') { context.fillText('\u2715', x - 4, y); continue; }
      if (name === 'duplicate') { context.fillText('2\u00d7', x - 5, y - 12); continue; }
      if (name === 'commit') { context.fillRect(x - 0.5, y + 5, 1.5, 5); continue; }
      if (name === 'logWrite') { context.fillRect(x - 0.5, y - 10, 1.5, 4); continue; }
      if (name === 'roleChange') { context.beginPath(); context.arc(x, y, 3, 0, Math.PI * 2); context.fill(); continue; }
      if (name === 'read') { context.fillRect(x, y - 14, 1, 4); continue; }
      if (name === 'readAnswer') { context.fillRect(x, y + 10, 1, 4); continue; }
      if (name === 'compact') { context.strokeStyle = MARK.compact; context.lineWidth = 1.5; context.strokeRect(x - 3, y - 3, 6, 6); continue; }
      if (name === 'installSnapshot') { context.fillRect(x - 4, y - 4, 8, 8); context.fillStyle = '#fff'; context.fillRect(x - 1.5, y - 1.5, 3, 3); continue; }
      if (name === 'retire') { context.fillRect(x - 1, y - 12, 2.5, 24); continue; }
      if (name === 'membershipChange') { drawMembershipChange(i, x, y); continue; }
      if (MARK[name] !== undefined) { context.fillRect(x - 1.5, y - 1.5, 3, 3); continue; }
      // A kind this page has no picture for is still shown, as a grey diamond.
      context.beginPath(); context.moveTo(x, y - 4); context.lineTo(x + 4, y); context.lineTo(x, y + 4); context.lineTo(x - 4, y); context.closePath(); context.fill();
    }
  }

  /** "+n4" or "\u2212n1" by the leader asked, struck through when refused; an accepted change points to the server. */
  function drawMembershipChange(index, x, y) {
    var refused = A[index] === 0;
    var label = (B[index] === 1 ? '+' : '\u2212') + 'n' + PEER[index];
    var colour = refused ? REFUSED_MARK : MARK.membershipChange;
    var peer = PEER[index];
    if (!refused && peer >= 1 && peer <= nodeCount && peer !== NODE[index]) {
      context.strokeStyle = colour; context.lineWidth = 1.5; context.setLineDash([3, 3]);
      context.beginPath(); context.moveTo(x, y); context.lineTo(x, laneY(peer)); context.stroke();
      context.setLineDash([]);
    }
    context.font = 'bold 11px system-ui, sans-serif';
    context.fillStyle = '#fff';
    var textWidth = context.measureText(label).width;
    context.fillRect(x + 3, y - 19, textWidth + 4, 12);
    context.fillStyle = colour;
    context.fillText(label, x + 5, y - 13);
    if (refused) { context.fillRect(x + 4, y - 13.5, textWidth + 2, 1.2); }
    context.font = '11px system-ui, sans-serif';
    context.beginPath(); context.arc(x, y, 3.5, 0, Math.PI * 2); context.fill();
  }

  function drawAxis(plotRight) {
    var span = viewTo - viewFrom;
    var step = Math.pow(10, Math.floor(Math.log10(span / 6)));
    if (span / step > 12) step *= 5; else if (span / step > 6) step *= 2;
    context.fillStyle = '#444';
    context.strokeStyle = 'rgba(0, 0, 0, 0.12)';
    context.lineWidth = 1;
    var y = height - BOTTOM + 12;
    for (var t = Math.ceil(viewFrom / step) * step; t <= viewTo; t += step) {
      var x = timeX(t);
      if (x < GUTTER || x > plotRight) continue;
      context.beginPath(); context.moveTo(x, TOP - 14); context.lineTo(x, height - BOTTOM); context.stroke();
      context.fillText(formatShortTime(t), x + 2, y);
    }
  }

  // Dragging pans, the wheel zooms around the pointer, a click picks the nearest record on that lane.
  var drag = null;
  canvas.addEventListener('mousedown', function (event) { drag = { x: event.clientX, from: viewFrom, to: viewTo, moved: false }; });
  window.addEventListener('mousemove', function (event) {
    if (drag === null) return;
    var dx = event.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    var shift = dx / (width - GUTTER - 8) * (drag.to - drag.from);
    setView(drag.from - shift, drag.to - shift);
  });
  window.addEventListener('mouseup', function (event) {
    if (drag !== null && !drag.moved && event.target === canvas) pick(event);
    drag = null;
  });
  canvas.addEventListener('wheel', function (event) {
    event.preventDefault();
    var rect = canvas.getBoundingClientRect();
    if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      var shift = (event.deltaX || event.deltaY) / (width - GUTTER - 8) * (viewTo - viewFrom);
      setView(viewFrom + shift, viewTo + shift);
    } else {
      zoomAround(xTime(event.clientX - rect.left), event.deltaY > 0 ? 1.25 : 0.8);
    }
  }, { passive: false });

  function pick(event) {
    var rect = canvas.getBoundingClientRect();
    var x = event.clientX - rect.left, y = event.clientY - rect.top;
    var lane = Math.floor((y - TOP) / LANE) + 1;
    if (y < TOP) lane = 0;
    var tolerance = 6 / (width - GUTTER - 8) * (viewTo - viewFrom);
    var time = xTime(x);
    var first = firstAtOrAfter(time - tolerance), last = lastAtOrBefore(time + tolerance);
    var best = -1, bestDistance = Infinity;
    for (var i = first; i <= last && i - first < 20000; i++) {
      if (K[i] === KIND.tick) continue;
      var node = NODE[i];
      var onLane = lane === 0 ? node === 0 || kindName(i) === 'violation' : node === lane || (kindName(i) === 'deliver' && PEER[i] === lane);
      if (!onLane) continue;
      var distance = Math.abs(T[i] - time);
      if (distance < bestDistance) { best = i; bestDistance = distance; }
    }
    if (best >= 0) select(best);
    else moveCursor(lastAtOrBefore(time), Math.max(0, Math.min(endUs, time)));
  }

  window.addEventListener('resize', resize);
  resize();
  moveCursor(-1, 0);
  renderDetails();
  document.body.dataset.ready = 'true';
})();
`;
