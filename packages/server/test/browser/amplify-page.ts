/**
 * The browser page of the Amplify lifecycle test, bundled with esbuild: configures aws-amplify v6
 * for the endpoint, pool and client named in the page's query string and puts the lifecycle's
 * {@link AmplifyDriver} on `window.amplifyDriver`, for the test to call through playwright. Nothing
 * here runs in node.
 */
import { amplifyDriver } from '../e2e/amplify-driver.js';

/** The little of the DOM this page uses (the test project's types have no DOM library). */
declare const document: { getElementById(id: string): { textContent: string | null; setAttribute(name: string, value: string): void } | null };
declare const location: { search: string };
declare const window: Record<string, unknown>;

const params = new URLSearchParams(location.search);
window['amplifyDriver'] = amplifyDriver({
  userPoolId: params.get('userPoolId') ?? '',
  userPoolClientId: params.get('clientId') ?? '',
  userPoolEndpoint: params.get('endpoint') ?? '',
});
const ready = document.getElementById('ready');
if (ready !== null) {
  ready.textContent = 'ready';
  ready.setAttribute('data-done', 'true');
}
