import { TestBed } from '@angular/core/testing';
import { API_TOKEN, AuthSession } from './api-token';

describe('AuthSession', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.localStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('takes ?token= once, removes it from the address bar and keeps it for the session only', () => {
    window.history.replaceState(null, '', '/tasks/t1?task=x&token=secret-1#top');
    const sut = TestBed.inject(AuthSession);

    expect(sut.token()).toBe('secret-1');
    expect(TestBed.inject(API_TOKEN)()).toBe('secret-1');
    expect(window.location.href).not.toContain('secret-1');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/tasks/t1?task=x#top');
    expect(window.sessionStorage.getItem('mc_token')).toBe('secret-1');
    expect(window.localStorage.getItem('mc_token')).toBeNull();
  });

  it('moves a token an older dashboard left in localStorage into this session', () => {
    window.localStorage.setItem('mc_token', 'old');
    const sut = TestBed.inject(AuthSession);

    expect(sut.token()).toBe('old');
    expect(window.localStorage.getItem('mc_token')).toBeNull();
    expect(window.sessionStorage.getItem('mc_token')).toBe('old');
  });

  it('asks for sign-in when told the server refused', () => {
    const sut = TestBed.inject(AuthSession);
    expect(sut.token()).toBeNull();
    expect(sut.signInRequired()).toBe(false);
    sut.requireSignIn();
    expect(sut.signInRequired()).toBe(true);
  });
});
