import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { SignInComponent } from './core/sign-in.component';
import { ToastsComponent } from './core/toasts.component';
import { AppHeaderComponent } from './shell/app-header.component';
import { EventToastsService } from './shell/event-toasts.service';

@Component({
  selector: 'mc-root',
  imports: [RouterOutlet, AppHeaderComponent, ToastsComponent, SignInComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to the board</a>
    <mc-app-header />
    <main id="main" class="app-main">
      <router-outlet />
    </main>
    <mc-toasts />
    <mc-sign-in />
  `,
  styles: `
    :host { display: flex; flex-direction: column; height: 100vh; height: 100dvh; }
    .app-main { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    .skip-link { position: absolute; left: -999px; top: 8px; z-index: 100; padding: 6px 10px; background: var(--accent); color: #fff; border-radius: 6px; }
    .skip-link:focus { left: 8px; }
  `,
})
export class AppComponent {
  constructor() {
    inject(EventToastsService).start();
  }
}
