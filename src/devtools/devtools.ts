/** DevTools page: only creates the panel. The panel finds the inspected tab itself. */
import { browser } from '../platform/browser';

void browser.devtools.panels.create('Seraph Lens', '/icons/32.png', '/src/panel/index.html');
