// How a new lead gets attention: a short two-tone beep (WebAudio; browsers allow sound only
// after the user has touched the page, so the sound switch doubles as that gesture), a
// vibration on phones that support it, and the waiting count in the tab title.
const SOUND_KEY = 'firstcall:sound';

let audio: AudioContext | null = null;

export const soundWanted = (): boolean => localStorage.getItem(SOUND_KEY) !== 'off';

/** Called from a click or key press: creates or resumes the audio context while allowed. */
export function unlockSound(): void {
  if (!soundWanted()) return;
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

export function setSoundWanted(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) unlockSound();
}

export const soundReady = (): boolean => audio?.state === 'running';

export function beep(): void {
  if (!soundWanted() || !audio || audio.state !== 'running') return;
  const t = audio.currentTime;
  for (const [i, freq] of [880, 1175].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t + i * 0.18;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + 0.17);
  }
}

export function buzz(): void {
  if ('vibrate' in navigator) navigator.vibrate([180, 80, 180]);
}

export function titleCount(waiting: number): void {
  document.title = waiting > 0 ? `(${waiting}) FirstCall` : 'FirstCall';
}
