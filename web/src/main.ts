import { createPinia } from 'pinia';
import { createApp, type App as VueApp } from 'vue';
import 'element-plus/dist/index.css';
import './styles/index.css';
import App from './App.vue';
import { applyA11yToDocument } from './core/a11y/index.ts';
import { installAccess } from './core/access/index.ts';
import { i18n, syncHtmlLang } from './core/i18n.ts';
import { router } from './router/index.ts';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
installAccess(app);

// A module's `setup.ts` (optional) plugs app-wide behaviour in, e.g. identity tells the access
// store how to learn the signed-in principal's permissions.
const setups = import.meta.glob<(app: VueApp) => void>('./modules/*/setup.ts', { eager: true, import: 'default' });
for (const setup of Object.values(setups)) setup(app);

// Apply language and a11y settings before the first paint of the app.
syncHtmlLang();
applyA11yToDocument();

void router.isReady().then(() => app.mount('#app'));
