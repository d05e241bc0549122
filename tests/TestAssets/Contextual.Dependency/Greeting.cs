namespace Contextual.Dependency;

public static class Greeting
{
    public const string Text = "hello from the test folder";
}
