import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { currentLanguage, i18n, setLanguage } from './i18n';
import { createAppRouter } from './router';
import './styles.css';

setLanguage(currentLanguage());

const pinia = createPinia();
const router = createAppRouter(pinia);
const app = createApp(App).use(pinia).use(router).use(i18n);
// The view store reads the URL when it is created, and the first navigation waits for the session: mount
// once both are settled.
void router.isReady().then(() => app.mount('#app'));
