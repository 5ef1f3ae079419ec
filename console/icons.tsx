// Hand-drawn 24×24 glyphs. Decorative: the text or aria-label beside each is its name.
const Svg = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="currentColor" d={d} />
  </svg>
);

export const CallIcon = () => (
  <Svg d="M6 2.5h3.2l1.9 5-2.4 1.6a12 12 0 0 0 6.2 6.2l1.6-2.4 5 1.9V18a3 3 0 0 1-3 3A17.5 17.5 0 0 1 3 5.5a3 3 0 0 1 3-3z" />
);
export const TextIcon = () => (
  <Svg d="M5 3h14a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-7l-5.5 4v-4H5a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3zm2 6.5v2h10v-2z" />
);
export const GearIcon = () => (
  <Svg d="M10.3 2h3.4l.5 2.6 1.8.8 2.2-1.5 2.4 2.4-1.5 2.2.8 1.8 2.6.5v3.4l-2.6.5-.8 1.8 1.5 2.2-2.4 2.4-2.2-1.5-1.8.8-.5 2.6h-3.4l-.5-2.6-1.8-.8-2.2 1.5-2.4-2.4 1.5-2.2-.8-1.8L2 13.7v-3.4l2.6-.5.8-1.8-1.5-2.2 2.4-2.4 2.2 1.5 1.8-.8zM12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z" />
);
export const BellIcon = () => (
  <Svg d="M12 2a6 6 0 0 0-6 6v4l-2 3v1h16v-1l-2-3V8a6 6 0 0 0-6-6zm-2.5 16a2.5 2.5 0 0 0 5 0z" />
);
export const BellOffIcon = () => (
  <Svg d="M3.3 2 2 3.3l4.2 4.2A6 6 0 0 0 6 8v4l-2 3v1h12.7l4 4 1.3-1.3zM12 2a6 6 0 0 0-4.7 2.3L18 15V8a6 6 0 0 0-6-6zm-2.5 16a2.5 2.5 0 0 0 5 0z" />
);
export const BackIcon = () => <Svg d="M15.4 4 17 5.6 10.6 12l6.4 6.4-1.6 1.6-8-8z" />;
