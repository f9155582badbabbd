using System.Security.Cryptography;
using System.Text;

namespace GoCardless.Sandbox;

/// <summary>
/// A stream of bytes from SHA-256(key | counter). Unlike <see cref="Random"/> or <see cref="HashCode"/> it is identical on every
/// process, machine and runtime version, which is what "same seed + same date → same JSON" needs.
/// </summary>
internal sealed class DeterministicRandom(params string[] keyParts)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(string.Join('|', keyParts));
    private readonly byte[] _block = new byte[32];
    private int _counter;
    private int _position = 32;

    public static byte[] Hash(params string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));

    public static string HexHash(params string[] parts) => Convert.ToHexStringLower(Hash(parts));

    public uint NextUInt()
    {
        if (_position + 4 > _block.Length)
        {
            var input = new byte[_key.Length + 4];
            _key.CopyTo(input, 0);
            BitConverter.TryWriteBytes(input.AsSpan(_key.Length), _counter++);
            SHA256.HashData(input, _block);
            _position = 0;
        }

        var value = BitConverter.ToUInt32(_block, _position);
        _position += 4;
        return value;
    }

    /// <summary>Uniform-enough integer in [0, max).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextUInt() % (uint)max);

    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An amount with two decimals in [min, max).</summary>
    public decimal Amount(decimal min, decimal max) => min + (Next((int)((max - min) * 100)) / 100m);

    public string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + Next(10));
        }

        return new string(chars);
    }
}
