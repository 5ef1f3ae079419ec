// Entry point: the console app, and its service worker (installability, push alerts).
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/console/sw.js', { scope: '/console/' }).catch(() => {
    // No service worker (private mode, old browser): the console still works, without push.
  });
}
